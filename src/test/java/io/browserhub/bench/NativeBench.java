package io.browserhub.bench;

import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Row 8: the native executable beside the JVM jar of the same code (-Dbench.native=target/browserhub-*-runner, made by
 * `./mvnw package -Dnative`): start to ready on a fresh data directory (which unpacks the driver) and on one that
 * has it, the hub process's own RSS idle and with 1 and 8 sessions, and page.evaluate's round trip. The drivers and
 * browsers under either hub are the same programs; only the hub process differs.
 */
final class NativeBench {

    private static final long SETTLE_MS = 2_000;

    private final Bench bench;

    NativeBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        String executable = System.getProperty("bench.native");
        if (executable == null || !Files.isExecutable(Path.of(executable))) {
            throw new IllegalStateException("-Dbench.native=<path of the native executable> is needed for this family"
                    + " (./mvnw package -Dnative makes target/browserhub-*-runner)");
        }
        Path jar = Path.of(System.getProperty("hub.jar", "target/quarkus-app/quarkus-run.jar"));
        Measured jvm = measure("JVM", jar);
        Measured nat = measure("native", Path.of(executable));
        pair("first start on a fresh data directory → ready, unpacking the driver (JVM: from Playwright's jars;"
                + " native: its packed copy)", jvm.firstStart, nat.firstStart, "ms");
        pair("start → /q/health/ready UP, driver already unpacked", jvm.starts, nat.starts, "ms");
        pair("hub process RSS, ready and idle", jvm.rssIdle, nat.rssIdle, "MiB");
        pair("hub process RSS with 1 session", jvm.rssOne, nat.rssOne, "MiB");
        pair("hub process RSS with 8 sessions", jvm.rssEight, nat.rssEight, "MiB");
        pair("page.evaluate(() => 1) round trip over the WebSocket", jvm.roundTrip, nat.roundTrip, "ms");
        pair("the first page.evaluate of each new session (cold code paths)", jvm.firstCall, nat.firstCall, "ms");
    }

    /** Two rows: the JVM jar as the baseline, the native executable against it. */
    private void pair(String what, Stats jvm, Stats nat, String unit) {
        bench.table.baseline("14", what + ": JVM jar", jvm, unit);
        bench.table.row("14", "… native executable", nat, jvm, unit);
    }

    private void pair(String what, double jvm, double nat, String unit) {
        bench.table.singleBaseline("14", what + ": JVM jar", jvm, unit);
        bench.table.single("14", "… native executable", nat, jvm, unit);
    }

    private record Measured(double firstStart, Stats starts, double rssIdle, double rssOne, double rssEight, Stats roundTrip, Stats firstCall) {
    }

    private Measured measure(String name, Path artifact) throws Exception {
        HubStartBench starter = new HubStartBench(bench);
        Path data = bench.dir("native-" + name);
        double firstStart = starter.startOnce(artifact, data, "first")[0];
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < bench.config.hubStarts(); i++) {
            starts.add(starter.startOnce(artifact, data, "again-" + i)[0]);
        }
        Bench.log("%s: first start %.0f ms, then %s", name, firstStart, starts);

        List<Double> firstCalls = new ArrayList<>();
        double idle;
        double one = 0;
        double eight;
        List<Double> trips = new ArrayList<>();
        try (HubProcess hub = HubProcess.start(bench.dir("native-rss-" + name), Map.of(), artifact); RpcClient ws = Bench.ws(hub)) {
            Thread.sleep(SETTLE_MS);
            idle = rssMib(hub.handle());
            String url = Bench.page("static.html");
            for (int i = 0; i < 8; i++) {
                String id = "rss-" + i;
                ws.call("session.create", Map.of("id", id));
                ws.call("page.goto", Map.of("session", id, "url", url));
                long t0 = System.nanoTime();
                ws.call("page.evaluate", Map.of("session", id, "function", "() => 1"));
                firstCalls.add(SessionStartBench.ms(t0));
                if (i == 0) {
                    for (int k = 0; k < bench.config.warmup(); k++) {
                        ws.call("page.evaluate", Map.of("session", id, "function", "() => 1"));
                    }
                    for (int k = 0; k < bench.config.calls(); k++) {
                        long t = System.nanoTime();
                        ws.call("page.evaluate", Map.of("session", id, "function", "() => 1"));
                        trips.add(SessionStartBench.ms(t));
                    }
                    Thread.sleep(SETTLE_MS);
                    one = rssMib(hub.handle());
                }
            }
            Thread.sleep(SETTLE_MS);
            eight = rssMib(hub.handle());
        }
        Bench.log("%s: RSS idle %.0f, 1 session %.0f, 8 sessions %.0f MiB", name, idle, one, eight);
        return new Measured(firstStart, Stats.of(starts), idle, one, eight, Stats.of(trips), Stats.of(firstCalls));
    }

    /** VmRSS of /proc/<pid>/status, in MiB. */
    private static double rssMib(ProcessHandle p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for " + p.pid());
    }
}
