package io.browserhub.bench;

import java.util.List;

/**
 * Sequential calls of several contenders, taking turns in rounds (rotating who goes first), so that a burst of
 * load on the machine hits all alike; after a warm-up of each. Returns each contender's samples in nanoseconds.
 */
final class Rounds {

    private Rounds() {
    }

    static long[][] measure(BenchConfig c, List<Runnable> contenders) {
        return measure(c.calls(), c.warmup(), c.rounds(), contenders);
    }

    /** The same with sizes of the caller's own: for contenders whose calls take long (a navigation, say). */
    static long[][] measure(int callsEach, int warmup, int rounds, List<Runnable> contenders) {
        int n = contenders.size();
        for (Runnable contender : contenders) {
            for (int i = 0; i < warmup; i++) {
                contender.run();
            }
        }
        long[][] samples = new long[n][callsEach];
        int[] filled = new int[n];
        int perRound = Math.max(1, callsEach / rounds);
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < n; k++) {
                int who = (k + round) % n;
                int calls = round == rounds - 1 ? callsEach - filled[who] : Math.min(perRound, callsEach - filled[who]);
                for (int i = 0; i < calls; i++) {
                    long t0 = System.nanoTime();
                    contenders.get(who).run();
                    samples[who][filled[who]++] = System.nanoTime() - t0;
                }
            }
        }
        return samples;
    }
}
