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
        int n = contenders.size();
        for (Runnable contender : contenders) {
            for (int i = 0; i < c.warmup(); i++) {
                contender.run();
            }
        }
        long[][] samples = new long[n][c.calls()];
        int[] filled = new int[n];
        int perRound = Math.max(1, c.calls() / c.rounds());
        for (int round = 0; round < c.rounds(); round++) {
            for (int k = 0; k < n; k++) {
                int who = (k + round) % n;
                int calls = round == c.rounds() - 1 ? c.calls() - filled[who] : Math.min(perRound, c.calls() - filled[who]);
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
