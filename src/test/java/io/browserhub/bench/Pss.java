package io.browserhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Memory of processes from Linux /proc/<pid>/smaps_rollup: PSS (shared pages split among their users), in MiB. */
final class Pss {

    private Pss() {
    }

    static double mib(ProcessHandle p) {
        return field(p, "Pss:") / 1024.0;
    }

    /** A process and everything it started. */
    static double treeMib(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants()).mapToDouble(Pss::mib).sum();
    }

    static double treeMib(List<ProcessHandle> roots) {
        return roots.stream().mapToDouble(Pss::treeMib).sum();
    }

    /** The Playwright driver processes (node ... cli.js run-driver) among the children of a process. */
    static List<ProcessHandle> drivers(ProcessHandle parent) {
        return parent.children().filter(p -> p.info().commandLine().map(c -> c.contains("run-driver")).orElse(false)).toList();
    }

    /** Main browser processes started by a driver (each with its renderers, GPU and utility processes below it). */
    static List<ProcessHandle> browsers(ProcessHandle driver) {
        return driver.children().filter(p -> p.info().commandLine().map(c -> !c.contains("--type=")).orElse(false)).toList();
    }

    private static long field(ProcessHandle p, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "smaps_rollup"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended meanwhile: it uses nothing
        }
        return 0;
    }
}
