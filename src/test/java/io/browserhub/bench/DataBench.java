package io.browserhub.bench;

import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import java.util.List;
import java.util.Map;

/**
 * Row 7, session data: what a screenshot recording (1 per second, and after driving commands once the client pauses)
 * costs a client's round trips, and what a HAR recording costs a navigation, each against the same session with it off.
 * On and off take turns in rounds, so load on the machine hits both alike.
 */
final class DataBench {

    private static final String SESSION = "data";
    private static final long PAUSE_MS = 50;

    private final Bench bench;

    DataBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        try (HubProcess hub = bench.startHub("data-hub", Map.of()); RpcClient ws = Bench.ws(hub)) {
            ws.call("session.create", Map.of("id", SESSION));
            ws.call("page.goto", Map.of("session", SESSION, "url", Bench.page("static.html")));
            recording(ws);
            har(ws);
        }
    }

    private void recording(RpcClient ws) throws InterruptedException {
        Map<String, Object> evaluate = Map.of("session", SESSION, "function", "() => 1");
        for (int i = 0; i < bench.config.warmup(); i++) {
            ws.call("page.evaluate", evaluate);
        }
        String start = "recording.start";
        Map<String, Object> on = Map.of("session", SESSION, "intervalMs", 1000);
        long[][] backToBack = alternate(ws, bench.config.calls(), 0, start, on, "recording.stop",
                () -> ws.call("page.evaluate", evaluate));
        Stats off = Stats.ofNanosAsMillis(backToBack[0], backToBack[0].length);
        bench.table.baseline("12", "evaluate `() => 1` round trip, back to back: recording off", off, "ms");
        bench.table.row("12", "evaluate `() => 1` round trip, back to back: recording at 1/s",
                Stats.ofNanosAsMillis(backToBack[1], backToBack[1].length), off, "ms");
        int pausedCalls = Math.max(20, bench.config.calls() / 10);
        long[][] paused = alternate(ws, pausedCalls, PAUSE_MS, start, on, "recording.stop", () -> ws.call("page.evaluate", evaluate));
        Stats pausedOff = Stats.ofNanosAsMillis(paused[0], paused[0].length);
        bench.table.baseline("12", "evaluate after a " + PAUSE_MS + " ms pause (" + pausedCalls + " calls): recording off", pausedOff, "ms");
        bench.table.row("12", "evaluate after a " + PAUSE_MS + " ms pause: recording at 1/s",
                Stats.ofNanosAsMillis(paused[1], paused[1].length), pausedOff, "ms");
        Bench.log("recording rows done");
    }

    private void har(RpcClient ws) throws InterruptedException {
        Map<String, Object> gotoPage = Map.of("session", SESSION, "url", Bench.page("data-har.html"));
        Runnable navigate = () -> ws.call("page.goto", gotoPage);
        for (int i = 0; i < Math.max(5, bench.config.warmup() / 20); i++) {
            navigate.run();
        }
        int calls = Math.max(20, bench.config.calls() / 20);
        long[][] omit = alternate(ws, calls, 0, "har.start", Map.of("session", SESSION), "har.stop", navigate);
        long[][] embed = alternate(ws, calls, 0, "har.start", Map.of("session", SESSION, "content", "embed"), "har.stop", navigate);
        Stats off = Stats.ofNanosAsMillis(omit[0], omit[0].length);
        String what = "page.goto of a page with 3 requests (" + calls + " calls)";
        bench.table.baseline("12", what + ": HAR off", off, "ms");
        bench.table.row("12", what + ": HAR on", Stats.ofNanosAsMillis(omit[1], omit[1].length), off, "ms");
        bench.table.row("12", what + ": HAR on, bodies embedded", Stats.ofNanosAsMillis(embed[1], embed[1].length), off, "ms");
        Bench.log("HAR rows done");
    }

    /**
     * {@code calls} samples with the feature off and as many with it on, in rounds that alternate which goes first;
     * [0] off, [1] on.
     */
    private long[][] alternate(RpcClient ws, int calls, long pauseMs, String start, Map<String, Object> startParams,
                               String stop, Runnable call) throws InterruptedException {
        int rounds = Math.max(2, bench.config.rounds());
        long[][] samples = new long[2][calls];
        int[] filled = new int[2];
        int perRound = Math.max(1, calls / rounds);
        for (int round = 0; round < rounds; round++) {
            for (boolean on : round % 2 == 0 ? List.of(false, true) : List.of(true, false)) {
                int k = on ? 1 : 0;
                int n = round == rounds - 1 ? calls - filled[k] : Math.min(perRound, calls - filled[k]);
                if (on) {
                    ws.call(start, startParams);
                }
                for (int i = 0; i < n; i++) {
                    if (pauseMs > 0) {
                        Thread.sleep(pauseMs);
                    }
                    long t0 = System.nanoTime();
                    call.run();
                    samples[k][filled[k]++] = System.nanoTime() - t0;
                }
                if (on) {
                    ws.call(stop, Map.of("session", SESSION));
                }
            }
        }
        return samples;
    }
}
