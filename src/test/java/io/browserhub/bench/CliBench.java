package io.browserhub.bench;

import io.browserhub.support.HubProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Row 7: the command line's start. Wall time of `browserhub sessions` as a process, against a running hub, from
 * launch to exit: the plain JVM form and the launcher script, against the JVM's own start (`java -version`, the
 * baseline) and the same call by curl. The variants take turns, so a busy moment hits them alike.
 */
final class CliBench {

    private final Bench bench;

    CliBench(Bench bench) {
        this.bench = bench;
    }

    private record Variant(String what, List<String> command, List<Double> ms) {
    }

    void run() throws Exception {
        Path jar = Path.of(System.getProperty("hub.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        Path launcher = jar.getParent().getParent().resolve("browserhub");
        try (HubProcess hub = bench.startHub("cli", Map.of())) {
            hub.result("session.create", Map.of("id", "bench-cli"));
            hub.result("page.goto", Map.of("session", "bench-cli", "url", Bench.page("static.html")));
            String url = hub.baseUri().toString().replaceAll("/$", "");
            Map<String, String> env = Map.of("BROWSERHUB_URL", url, "BROWSERHUB_TOKEN", HubProcess.TOKEN);

            Map<String, Variant> variants = new LinkedHashMap<>();
            add(variants, "baseline", "`java -version`: the JVM's own start, no application", List.of(HubProcess.JAVA, "-version"));
            add(variants, "jar", "`browserhub sessions` as `java -jar quarkus-run.jar sessions`, against a running hub", List.of(HubProcess.JAVA, "-jar", jar.toString(), "sessions"));
            if (Files.isExecutable(launcher)) {
                add(variants, "launcher", "`browserhub sessions` through target/browserhub (C1 only, serial GC, class data sharing archive)",
                        List.of(launcher.toString(), "sessions"));
            }
            add(variants, "version", "`java -jar quarkus-run.jar --version`: picocli and the jar's class loader, no call", List.of(HubProcess.JAVA, "-jar", jar.toString(), "--version"));
            if (Files.isExecutable(Path.of("/usr/bin/curl"))) {
                add(variants, "curl", "curl POST /rpc session.list: the same call without a JVM", List.of("/usr/bin/curl", "-sf", "-H",
                        "Authorization: Bearer " + HubProcess.TOKEN, "-d", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"session.list\"}", url + "/rpc"));
            }
            int runs = bench.config.cliRuns();
            for (int round = -2; round < runs; round++) {
                for (Variant v : variants.values()) {
                    double ms = once(v, env);
                    if (round >= 0) {
                        v.ms().add(ms);
                    }
                }
            }
            Stats baseline = Stats.of(variants.get("baseline").ms());
            bench.table.baseline("9", "command line start: " + variants.get("baseline").what(), baseline, "ms");
            variants.values().stream().skip(1).forEach(v -> bench.table.row("9", "command line start: " + v.what(), Stats.of(v.ms()), baseline, "ms"));
            variants.values().forEach(v -> Bench.log("%s: median %.0f ms", v.what(), Stats.of(v.ms()).median()));
        }
    }

    private static void add(Map<String, Variant> variants, String key, String what, List<String> command) {
        variants.put(key, new Variant(what, command, new ArrayList<>()));
    }

    /** One run's wall time, launch to exit; a failed run fails the family. */
    private static double once(Variant v, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(v.command()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("BROWSERHUB_"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile("cli-bench-", ".out");
        out.toFile().deleteOnExit();
        builder.redirectOutput(out.toFile());
        long t0 = System.nanoTime();
        Process process = builder.start();
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        double ms = (System.nanoTime() - t0) / 1e6;
        String output = Files.readString(out);
        Files.deleteIfExists(out);
        if (!done || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(v.command() + " failed (" + (done ? "exit " + process.exitValue() : "timed out") + "):\n" + output);
        }
        return ms;
    }
}
