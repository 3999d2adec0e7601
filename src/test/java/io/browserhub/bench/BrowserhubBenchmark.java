package io.browserhub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The benchmark: `./mvnw -Pbench verify` builds the hub, then runs this (and only this) with failsafe. It
 * starts everything it measures itself (the packaged hub, Playwright's run-server, in-process Playwright,
 * Chromium) and prints one markdown table, also written to target/benchmarks.md. Not part of `./mvnw verify`:
 * no test pattern of the normal build matches *Benchmark.
 */
class BrowserhubBenchmark {

    @Test
    void benchmark() throws Exception {
        run();
    }

    public static void main(String[] args) throws Exception {
        run();
    }

    static void run() throws Exception {
        BenchConfig config = BenchConfig.fromSystemProperties();
        Path work = Path.of("target", "bench");
        Bench.delete(work);
        Bench bench = new Bench(config, work);
        String loadBefore = Machine.loadAverage();
        long t0 = System.nanoTime();
        Bench.log("sizes: %s; load average %s", config.describe(), loadBefore);
        StringBuilder loads = new StringBuilder();
        family(bench, "roundtrip", "1", "command round trip", () -> new RoundTripBench(bench).run(), loads);
        family(bench, "start", "2", "session start", () -> new SessionStartBench(bench).run(), loads);
        family(bench, "throughput", "3", "throughput", () -> new ThroughputBench(bench).run(), loads);
        family(bench, "screencast", "4", "screencast", () -> new ScreencastBench(bench).run(), loads);
        family(bench, "memory", "5", "memory", () -> new MemoryBench(bench).run(), loads);
        family(bench, "hubstart", "6", "hub start", () -> new HubStartBench(bench).run(), loads);
        family(bench, "mcp", "7", "MCP door", () -> new McpBench(bench).run(), loads);
        family(bench, "cdp", "8", "CDP door", () -> new CdpBench(bench).run(), loads);
        family(bench, "cli", "9", "command line start", () -> new CliBench(bench).run(), loads);
        family(bench, "liveview", "10", "live view: click to frame", () -> new LiveViewBench(bench).run(), loads);
        family(bench, "tabwait", "11", "a wait in one tab, commands in another", () -> new TabWaitBench(bench).run(), loads);
        family(bench, "data", "12", "session data", () -> new DataBench(bench).run(), loads);
        family(bench, "grid", "13", "Selenium Grid", () -> new GridBench(bench).run(), loads);
        family(bench, "flush", "15", "cookie flush after navigation", () -> new FlushBench(bench).run(), loads);
        family(bench, "native", "14", "native executable", () -> new NativeBench(bench).run(), loads);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        String report = "## Results\n\n" + Machine.describe(bench.chromium)
                + "- load average (1/5/15 min) at the start: " + loadBefore + "; at the end: " + Machine.loadAverage() + "\n"
                + "- load average (1 min) as each family began: " + loads.toString().trim() + "\n"
                + "- sizes: " + config.describe() + "; the run took " + seconds / 60 + " min " + seconds % 60 + " s\n\n"
                + bench.table.markdown();
        Files.createDirectories(config.out().toAbsolutePath().getParent());
        Files.writeString(config.out(), report);
        System.out.println();
        System.out.println(report);
        System.out.println("(written to " + config.out().toAbsolutePath() + ")");
        if (bench.table.hasFailures()) {
            throw new AssertionError("Some measurements failed; see the table and the stack traces above.");
        }
    }

    private interface Family {
        void run() throws Exception;
    }

    private static void family(Bench bench, String key, String section, String name, Family family, StringBuilder loads) {
        if (!bench.config.runs(key)) {
            return;
        }
        String load = Machine.loadAverage();
        loads.append(section).append(": ").append(load.split(" ")[0]).append("; ");
        Bench.log("%s (load average %s)", name, load);
        try {
            family.run();
        } catch (Throwable e) {
            e.printStackTrace();
            bench.table.failed(section, name, e);
        }
    }
}
