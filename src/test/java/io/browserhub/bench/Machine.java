package io.browserhub.bench;

import io.browserhub.browser.PlaywrightDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/** What the numbers were measured on, and how busy the machine was. */
final class Machine {

    private Machine() {
    }

    static String describe(Path chromium) {
        return "- date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n"
                + "- CPU: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores\n"
                + "- memory: " + memTotal() + "\n"
                + "- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + "\n"
                + "- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "\n"
                + "- Chromium: " + chromiumVersion(chromium) + " (" + chromium + ")\n"
                + "- Playwright Java: " + PlaywrightDriver.version() + "\n";
    }

    /** The 1, 5 and 15 minute load averages, e.g. "8.77 8.48 10.20". */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> l.replaceAll("\\D+", "")).map(kb -> String.format("%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0))
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String chromiumVersion(Path chromium) {
        try {
            Process p = new ProcessBuilder(chromium.toString(), "--version").redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            return new String(p.getInputStream().readAllBytes()).lines().filter(l -> l.startsWith("Chromium") || l.startsWith("Google Chrome"))
                    .findFirst().orElse("unknown").trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
