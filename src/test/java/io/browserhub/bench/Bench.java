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
