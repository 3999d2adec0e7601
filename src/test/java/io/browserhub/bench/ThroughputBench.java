package io.browserhub.bench;

import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Row 3: 1, 4 and 8 sessions, each driven by its own client on its own thread as fast as it answers
 * (page.evaluate(() => 1) back to back). The same with in-process Playwright (one Playwright, thread and
 * browser per "session", since Playwright Java is not thread-safe) shows what the machine itself allows. Then each
 * session's client pipelining (several commands in flight, as the throughput target has it), so the session's
 * browser never waits for the network between two commands.
 */
final class ThroughputBench {

    private static final int[] LEVELS = {1, 4, 8};
    /** Commands one pipelining client keeps in flight. */
    private static final int PIPELINE = 8;
    /** Unmeasured rounds of the most loaded row that both hubs of the A/B run before it is measured (see {@link #compare}). */
    private static final int COMPARE_WARM_ROUNDS = 4;

    /** One client that drives its own session: one command, then the next. */
    private interface Driver {
        void command();
    }

    /** cpuMsPerCommand: the hub JVM's own CPU time (user + system) in the measured window per command; NaN when not measured. */
    private record Result(double perSecond, Stats latency, double cpuMsPerCommand) {

        String cpu() {
            return Double.isNaN(cpuMsPerCommand) ? "" : String.format(Locale.ROOT, "; hub JVM CPU %.3f ms per command", cpuMsPerCommand);
        }
    }

    private final Bench bench;

    ThroughputBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        String url = Bench.page("static.html");
        int max = LEVELS[LEVELS.length - 1];
        List<DirectBrowser> directs = new ArrayList<>();
        List<RpcClient> clients = new ArrayList<>();
        List<RawWsRpc> rawClients = new ArrayList<>();
        bench.warmInProcess();
        Result directAtMost = null;
        try (HubProcess hub = bench.startHub("tp-hub", Map.of())) {
            bench.warm(hub);
            for (int i = 0; i < max; i++) {
                clients.add(Bench.ws(hub));
            }
            openSessions(hub, clients.get(0), max, url, rawClients);
            Result[] hubResults = new Result[LEVELS.length];
            Result[] rawResults = new Result[LEVELS.length];
            Result[] directResults = new Result[LEVELS.length];
            Result[] pipelinedResults = new Result[LEVELS.length];
            for (int level = 0; level < LEVELS.length; level++) {
                int n = LEVELS[level];
                while (directs.size() < n) {
                    DirectBrowser direct = DirectBrowser.launch(bench.chromium, bench.dir("tp-direct"));
                    direct.open(url);
                    directs.add(direct);
                }
                hubResults[level] = drive(evaluating(n, (i, params) -> clients.get(i).call("page.evaluate", params)), null);
                // the same through the minimal client (one blocking socket per session): the client's own CPU, which
                // shares the 2 cores with the hub, drivers and browsers, is then as small as a client's can be
                rawResults[level] = drive(evaluating(n, (i, params) -> rawClients.get(i).call("page.evaluate", params)), null);
                // Playwright objects belong to the thread that uses them: each direct browser is driven by one thread only
                List<Driver> directDrivers = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    DirectBrowser d = directs.get(i);
                    directDrivers.add(() -> d.page.evaluate("() => 1"));
                }
                directResults[level] = drive(directDrivers, null);
                pipelinedResults[level] = pipelined(rawClients, n, PIPELINE, hub.handle());
                Bench.log("throughput %d sessions: browserhub %.0f/s (minimal client %.0f/s, pipelined %.0f/s), in-process %.0f/s", n,
                        hubResults[level].perSecond, rawResults[level].perSecond, pipelinedResults[level].perSecond, directResults[level].perSecond);
            }
            double pipelined = pipelined(clients.get(0), "tp-0", PIPELINE);
            Bench.log("throughput 1 session, %d in flight from one client: browserhub %.0f/s", PIPELINE, pipelined);
            for (int level = 0; level < LEVELS.length; level++) {
                int n = LEVELS[level];
                Result h = hubResults[level];
                Result d = directResults[level];
                Result r = rawResults[level];
                String rawLatency = String.format(Locale.ROOT, "; per command %.2f ms median, %.2f ms p95", r.latency.median(), r.latency.p95());
                String latency = String.format(Locale.ROOT, "; per command %.2f ms median, %.2f ms p95", h.latency.median(), h.latency.p95());
                String directLatency = String.format(Locale.ROOT, "; per command %.2f ms median, %.2f ms p95", d.latency.median(), d.latency.p95());
                String label = n + (n == 1 ? " session" : " sessions") + ", each its own client";
                if (n == 1) {
                    bench.table.singleBaseline("3", "throughput, " + label + ": browserhub WebSocket, commands/s" + latency, h.perSecond, "/s");
                    bench.table.singleBaseline("3", "throughput, " + label + ": in-process Playwright (own baseline)" + directLatency, d.perSecond, "/s");
                    bench.table.single("3", "throughput, 1 session, one client with " + PIPELINE + " commands in flight (pipelined):"
                            + " browserhub WebSocket, vs in-process Playwright's 1 session", pipelined, d.perSecond, "/s");
                } else {
                    bench.table.single("3", "throughput, " + label + ": browserhub WebSocket, vs its 1 session × " + n
                            + String.format(Locale.ROOT, " (%.2f of in-process at %d)", h.perSecond / d.perSecond, n) + latency,
                            h.perSecond, hubResults[0].perSecond * n, "/s");
                    bench.table.single("3", "throughput, " + label + ": in-process Playwright, vs its 1 × " + n + directLatency,
                            d.perSecond, directResults[0].perSecond * n, "/s");
                }
                bench.table.single("3", "throughput, " + label + ": browserhub WebSocket, minimal client, vs in-process Playwright at " + n
                        + rawLatency, r.perSecond, d.perSecond, "/s");
                bench.table.single("3", "throughput, " + n + (n == 1 ? " session" : " sessions") + ", each its own minimal client with "
                        + PIPELINE + " commands in flight (pipelined): browserhub WebSocket, vs in-process Playwright at " + n
                        + pipelinedResults[level].cpu(), pipelinedResults[level].perSecond, d.perSecond, "/s");
            }
            directAtMost = directResults[LEVELS.length - 1];
        } finally {
            clients.forEach(RpcClient::close);
            for (RawWsRpc raw : rawClients) {
                raw.close();
            }
            for (DirectBrowser d : directs) {
                d.close();
            }
        }
        // after this hub and the in-process browsers are gone: the A/B hubs have the machine to themselves
        compare(url, directAtMost);
    }

    /** Sessions tp-0 … tp-(n-1) on {@code url}, created through {@code ws}, and a minimal client for each, added to {@code raws}. */
    private static void openSessions(HubProcess hub, RpcClient ws, int n, String url, List<RawWsRpc> raws) throws Exception {
        for (int i = 0; i < n; i++) {
            ws.call("session.create", Map.of("id", "tp-" + i));
            ws.call("page.goto", Map.of("session", "tp-" + i, "url", url));
            raws.add(new RawWsRpc(hub.baseUri()));
        }
    }

    /** One driver per session tp-0 … tp-(n-1): {@code send} gives session i's page.evaluate(() => 1) to its client. */
    private static List<Driver> evaluating(int n, BiConsumer<Integer, Map<String, Object>> send) {
        List<Driver> drivers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int session = i;
            Map<String, Object> params = evaluateOn("tp-" + i);
            drivers.add(() -> send.accept(session, params));
        }
        return drivers;
    }

    /** The parameters of page.evaluate(() => 1) on a session: the command every row here sends. */
    private static Map<String, Object> evaluateOn(String session) {
        return Map.of("session", session, "function", "() => 1");
    }

    /**
     * One client, one session, {@code inFlight} commands sent without waiting for each answer: as each answer comes, the
     * next command goes. Commands per second over the measured window.
     */
    private double pipelined(RpcClient ws, String session, int inFlight) throws InterruptedException {
        Map<String, Object> params = evaluateOn(session);
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(bench.config.warmupSeconds());
        long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(bench.config.seconds());
        java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(inFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        while (System.nanoTime() < measureTo && failure.get() == null) {
            window.acquire();
            ws.send("page.evaluate", params).whenComplete((r, e) -> {
                if (e != null || r.has("error")) {
                    failure.compareAndSet(null, e != null ? e : new IllegalStateException(r.toString()));
                }
                long now = System.nanoTime();
                if (now >= measureFrom && now <= measureTo) {
                    counted.incrementAndGet();
                }
                window.release();
            });
        }
        window.acquire(inFlight);
        if (failure.get() != null) {
            throw new IllegalStateException("a pipelined command failed: " + failure.get(), failure.get());
        }
        return counted.get() / (double) bench.config.seconds();
    }

    /**
     * Sessions tp-0 … tp-(n-1), each its own minimal client on its own thread keeping {@code inFlight} commands in
     * flight: as each answer comes, the next command goes. Commands per second over the measured window.
     */
    private Result pipelined(List<RawWsRpc> clients, int n, int inFlight, ProcessHandle hub) throws InterruptedException {
        List<Driver> drivers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RawWsRpc client = clients.get(i);
            Map<String, Object> params = evaluateOn("tp-" + i);
            for (int k = 1; k < inFlight; k++) {
                client.send("page.evaluate", params);
            }
            // one more out, one answer in: inFlight stay in flight
            drivers.add(() -> {
                client.send("page.evaluate", params);
                client.answer("page.evaluate");
            });
        }
        Result result = drive(drivers, hub);
        for (int i = 0; i < n; i++) {
            for (int k = 1; k < inFlight; k++) {
                clients.get(i).answer("page.evaluate");
            }
        }
        return result;
    }

    /**
     * With {@code -Dbench.compareJar}, the most loaded row (8 sessions, each client pipelining) on this build against
     * another build of the hub: two fresh hubs side by side, warmed alike (the bench's warm-up, then this load for a
     * while: a hub's JIT compiles it first, and that CPU counts as the hub's; an A/A run that compared the hub of the
     * rows above with a fresh one measured the same build at 1.3-2.2 ms of CPU per command against 0.7-0.9), then measured in turns, A B B A, so a
     * machine that slows down weighs on both. What the rows compare is throughput and the hub JVM's own CPU per
     * command, the part a change of the hub can move.
     */
    private void compare(String url, Result direct) throws Exception {
        String compareJar = System.getProperty("bench.compareJar", "");
        if (compareJar.isBlank()) {
            return;
        }
        int n = LEVELS[LEVELS.length - 1];
        List<RawWsRpc> mine = new ArrayList<>();
        List<RawWsRpc> theirs = new ArrayList<>();
        try (HubProcess a = bench.startHub("tp-hub-a", Map.of());
                HubProcess b = bench.startHub("tp-hub-b", Map.of(), java.nio.file.Path.of(compareJar))) {
            for (HubProcess hub : List.of(a, b)) {
                bench.warm(hub);
                try (RpcClient ws = Bench.ws(hub)) {
                    openSessions(hub, ws, n, url, hub == a ? mine : theirs);
                }
            }
            for (int round = 0; round < COMPARE_WARM_ROUNDS; round++) {
                pipelined(mine, n, PIPELINE, null);
                pipelined(theirs, n, PIPELINE, null);
            }
            List<Result> as = new ArrayList<>();
            List<Result> bs = new ArrayList<>();
            as.add(pipelined(mine, n, PIPELINE, a.handle()));
            bs.add(pipelined(theirs, n, PIPELINE, b.handle()));
            bs.add(pipelined(theirs, n, PIPELINE, b.handle()));
            as.add(pipelined(mine, n, PIPELINE, a.handle()));
            String label = "throughput, " + n + " sessions, each its own minimal client with " + PIPELINE
                    + " commands in flight, two fresh hubs warmed alike, measured A B B A (the better run of each): ";
            Result ra = best(as);
            Result rb = best(bs);
            bench.table.single("3", label + "browserhub, this build, vs in-process Playwright at " + n + ra.cpu(), ra.perSecond, direct.perSecond, "/s");
            bench.table.single("3", label + "browserhub " + compareJar + ", vs this build" + rb.cpu(), rb.perSecond, ra.perSecond, "/s");
            Bench.log("throughput %d sessions pipelined, A/B: this build %s, %s %s", n, brief(as), compareJar, brief(bs));
        } finally {
            for (RawWsRpc raw : mine) {
                raw.close();
            }
            for (RawWsRpc raw : theirs) {
                raw.close();
            }
        }
    }

    private static List<String> brief(List<Result> results) {
        return results.stream().map(r -> String.format(Locale.ROOT, "%.0f/s%s", r.perSecond, r.cpu())).toList();
    }

    private static Result best(List<Result> results) {
        return results.stream().max(java.util.Comparator.comparingDouble(Result::perSecond)).orElseThrow();
    }

    /**
     * Runs every driver on its own thread: warm-up, then the measured window. Drivers created on this thread
     * are used from one worker each, and only while this thread waits, so no Playwright object is shared.
     */
    private Result drive(List<Driver> drivers, ProcessHandle hub) throws InterruptedException {
        long warmupNanos = TimeUnit.SECONDS.toNanos(bench.config.warmupSeconds());
        long measureNanos = TimeUnit.SECONDS.toNanos(bench.config.seconds());
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measureFrom = start + warmupNanos;
        long measureTo = measureFrom + measureNanos;
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[drivers.size()];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(drivers.size());
        for (int k = 0; k < drivers.size(); k++) {
            int who = k;
            long[] samples = new long[200_000];
            latencies.add(samples);
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < start) {
                        Thread.onSpinWait();
                    }
                    Driver d = drivers.get(who);
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= measureTo) {
                            break;
                        }
                        d.command();
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom && t1 <= measureTo && counts[who] < samples.length) {
                            samples[counts[who]++] = t1 - t0;
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "bench-driver-" + k);
            t.start();
        }
        double cpuMs = Double.NaN;
        if (hub != null) {
            sleepUntil(measureFrom);
            long before = cpuNanos(hub);
            sleepUntil(measureTo);
            cpuMs = (cpuNanos(hub) - before) / 1e6;
        }
        done.await();
        if (failure.get() != null) {
            throw new IllegalStateException("a client failed: " + failure.get(), failure.get());
        }
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        double[] all = new double[total];
        int i = 0;
        for (int k = 0; k < drivers.size(); k++) {
            for (int j = 0; j < counts[k]; j++) {
                all[i++] = latencies.get(k)[j] / 1e6;
            }
        }
        return new Result(total / (measureNanos / 1e9), Stats.of(all), total == 0 ? Double.NaN : cpuMs / total);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** User + system CPU time of a process so far (/proc/PID/stat on Linux). */
    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time for process " + process.pid()))
                .toNanos();
    }
}
