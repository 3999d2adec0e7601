package io.browserhub.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sizes of the run, from system properties (-Dbench.x=...): the defaults are the published run;
 * -Dbench.quick=true is a smoke run for development on a busy machine.
 */
record BenchConfig(int calls, int warmup, int rounds, int starts, int hubStarts, int seconds, int warmupSeconds,
                   int cliRuns, int jitSeconds, Set<String> only, Path out) {

    static final Set<String> FAMILIES = Set.of("roundtrip", "start", "throughput", "screencast", "memory", "hubstart", "mcp", "cdp", "cli",
            "liveview", "tabwait", "data", "grid", "native", "flush");

    static BenchConfig fromSystemProperties() {
        boolean quick = Boolean.getBoolean("bench.quick");
        String only = System.getProperty("bench.only", "");
        // the native family needs an executable (-Dbench.native): part of the run only when one is given
        Set<String> all = System.getProperty("bench.native") == null
                ? FAMILIES.stream().filter(f -> !f.equals("native")).collect(Collectors.toSet()) : FAMILIES;
        Set<String> families = only.isBlank() ? all
                : Arrays.stream(only.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        for (String f : families) {
            if (!FAMILIES.contains(f)) {
                throw new IllegalArgumentException("bench.only: unknown family " + f + "; known: " + FAMILIES);
            }
        }
        return new BenchConfig(
                Integer.getInteger("bench.calls", quick ? 100 : 1000),
                Integer.getInteger("bench.warmup", quick ? 30 : 300),
                Integer.getInteger("bench.rounds", 5),
                Integer.getInteger("bench.starts", quick ? 2 : 5),
                Integer.getInteger("bench.hubStarts", quick ? 1 : 3),
                Integer.getInteger("bench.seconds", quick ? 2 : 5),
                Integer.getInteger("bench.warmupSeconds", quick ? 1 : 2),
                Integer.getInteger("bench.cliRuns", quick ? 5 : 20),
                Integer.getInteger("bench.jitSeconds", quick ? 2 : 25),
                families,
                Path.of(System.getProperty("bench.out", "target/benchmarks.md")));
    }

    boolean runs(String family) {
        return only.contains(family);
    }

    String describe() {
        return "calls=" + calls + " warmup=" + warmup + " rounds=" + rounds + " starts=" + starts + " hubStarts=" + hubStarts
                + " seconds=" + seconds + " warmupSeconds=" + warmupSeconds + " cliRuns=" + cliRuns + " jitSeconds=" + jitSeconds;
    }
}
