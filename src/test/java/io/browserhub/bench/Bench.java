package io.browserhub.bench;

import io.browserhub.browser.BrowserExecutable;
import io.browserhub.browser.PlaywrightDriver;
import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import io.browserhub.support.TestPages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** What every row family shares: the sizes, the result table, the browser, the driver, a work directory. */
final class Bench {

    final BenchConfig config;
    final Table table = new Table();
    final Path chromium;
    final Path work;
    final Path driverDir;
    private final AtomicInteger dirs = new AtomicInteger();
    /** Row 2's in-process start, the baseline of the first start after a hub start (row 6); null until measured. */
    volatile Stats directStart;
    private boolean inProcessWarm;

    Bench(BenchConfig config, Path work) throws IOException {
        this.config = config;
        this.work = work;
        this.chromium = BrowserExecutable.locate(Optional.ofNullable(System.getProperty("bench.chromium")))
                .orElseThrow(() -> new IllegalStateException("No Chromium found: install chromium or pass -Dbench.chromium=/path"));
        Files.createDirectories(work);
        // one unpacked driver for this JVM's Playwright, Playwright's run-server and every hub (-Dplaywright.cli.dir)
        this.driverDir = PlaywrightDriver.install(work.resolve("driver"));
    }

    /** A fresh directory under the work directory. */
    Path dir(String name) throws IOException {
        return Files.createDirectories(work.resolve(name + "-" + dirs.incrementAndGet()));
    }

    /** The packaged hub as a child process on a fresh data directory, sharing the bench's unpacked driver. */
    HubProcess startHub(String name, Map<String, String> config) throws Exception {
        Map<String, String> all = new HashMap<>(config);
        all.put("playwright.cli.dir", driverDir.toString());
        return HubProcess.start(dir(name), all);
    }

    /** Another build of the hub (-Dbench.compareJar=/path/to/quarkus-run.jar) for an A/B row in the round trips. */
    HubProcess startHub(String name, Map<String, String> config, Path jar) throws Exception {
        Map<String, String> all = new HashMap<>(config);
        all.put("playwright.cli.dir", driverDir.toString());
        return HubProcess.start(dir(name), all, jar);
    }

    /**
     * Brings a hub just started to where one is after serving agents for a while: its JIT has compiled the command
     * path. A fresh JVM spends its first ~20-30 s of load compiling (C2 took up to half of the 2 cores here, and the
     * per-command numbers of a cold hub were 1.3-1.6x its warm ones); the hub is a long-running process, so the rows
     * that measure commands measure it warm. {@code -Dbench.jitSeconds} of commands over the WebSocket and over HTTP
     * on a session of its own, deleted afterwards. Rows that measure starting (2, 6) use a hub as started.
     */
    void warm(HubProcess hub) throws Exception {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(config.jitSeconds());
        try (RpcClient ws = ws(hub); RawHttpRpc http = new RawHttpRpc(hub.baseUri())) {
            ws.call("session.create", Map.of("id", "bench-jit"));
            Map<String, Object> evaluate = Map.of("session", "bench-jit", "function", "() => 1");
            Map<String, Object> title = Map.of("session", "bench-jit");
            while (System.nanoTime() < end) {
                ws.call("page.evaluate", evaluate);
                ws.call("page.title", title);
                ws.call("hub.info");
                http.call("page.evaluate", evaluate);
                http.call("page.title", title);
            }
            ws.call("session.delete", Map.of("id", "bench-jit"));
        }
    }

    /**
     * The same for in-process Playwright in this JVM, once per run: the baselines are measured warm too, or the hub
     * would be compared against a Playwright still being compiled.
     */
    synchronized void warmInProcess() throws Exception {
        if (inProcessWarm) {
            return;
        }
        try (DirectBrowser direct = DirectBrowser.launch(chromium, dir("jit-direct"))) {
            direct.open(page("static.html"));
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(config.jitSeconds());
            while (System.nanoTime() < end) {
                direct.page.evaluate("() => 1");
                direct.page.title();
            }
        }
        inProcessWarm = true;
    }

    static RpcClient ws(HubProcess hub) {
        return RpcClient.connect(hub.baseUri(), Map.of("Authorization", "Bearer " + HubProcess.TOKEN));
    }

    static String page(String name) {
        return TestPages.url(name);
    }

    /** Removes a directory tree left by an earlier run. */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
        System.out.flush();
    }
}
