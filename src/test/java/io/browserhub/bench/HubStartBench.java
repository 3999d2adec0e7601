package io.browserhub.bench;

import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Row 6: from `java -jar quarkus-run.jar` to GET /q/health/ready answering UP (with the token), and the first
 * session start after that (row 2's in-process start is its baseline). Compared with starting Playwright's
 * run-server until it accepts connections. The first start on a fresh data directory also unpacks the driver.
 */
final class HubStartBench {

    private final Bench bench;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    HubStartBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        List<Double> serverStarts = new ArrayList<>();
        for (int i = 0; i < bench.config.hubStarts(); i++) {
            try (RunServer server = RunServer.start(bench.driverDir, bench.chromium)) {
                serverStarts.add((double) server.startMillisToListening);
            }
        }
        Path data = bench.dir("start-data");
        double firstEver = 0;
        List<Double> starts = new ArrayList<>();
        List<Double> firstSessions = new ArrayList<>();
        for (int i = 0; i <= bench.config.hubStarts(); i++) {
            double[] measured = startOnce(data, "first-" + i);
            if (i == 0) {
                firstEver = measured[0];
            } else {
                starts.add(measured[0]);
                firstSessions.add(measured[1]);
            }
            Bench.log("hub start %d: ready in %.0f ms, first session in %.0f ms", i, measured[0], measured[1]);
        }
        Stats server = Stats.of(serverStarts);
        bench.table.baseline("6", "server start until it takes connections: Playwright run-server (node)", server, "ms");
        bench.table.row("6", "hub start: process start → /q/health/ready UP (data directory with the driver unpacked)", Stats.of(starts), server, "ms");
        launcherRows(HubProcess.JAVA, "class data sharing archive", data, server);
        HubProcess.javaWithAotCache().filter(java -> !java.equals(HubProcess.launcherName(HubProcess.JAVA)))
                .ifPresent(java -> launcherRows(java, "AOT cache", data, server));
        bench.table.single("6", "hub start on a fresh data directory (unpacks the 134 MB driver once), 1 run", firstEver, server.median(), "ms");
        Stats directStart = bench.directStart;
        if (directStart == null) {
            List<Double> direct = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                long t0 = System.nanoTime();
                try (DirectBrowser d = DirectBrowser.launch(bench.chromium, bench.dir("hubstart-direct"))) {
                    direct.add(SessionStartBench.ms(t0));
                }
            }
            directStart = Stats.of(direct);
        }
        bench.table.row("2", "first session start after the hub starts (cold hub JVM): session.create + first command, "
                + "vs the in-process start above", Stats.of(firstSessions), directStart, "ms");
    }

    private double[] startOnce(Path data, String sessionId) throws Exception {
        return startOnce(Path.of(System.getProperty("hub.jar", "target/quarkus-app/quarkus-run.jar")), data, sessionId);
    }

    /** Starts the packaged hub (jar or native executable); returns {ms to ready, ms for the first session start}, then stops it. */
    double[] startOnce(Path artifact, Path data, String sessionId) throws Exception {
        int port = RunServer.freePort();
        return startOnce(HubProcess.command(artifact, port, data, Map.of()), Map.of(), port, sessionId);
    }

    private double[] startOnce(List<String> command, Map<String, String> env, int port, String sessionId) throws Exception {
        Path log = Files.createTempFile("hub-start-", ".log");
        log.toFile().deleteOnExit();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("BROWSERHUB_"));
        builder.environment().putAll(env);
        long t0 = System.nanoTime();
        Process process = builder.start();
        try {
            long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
            while (!ready(base)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the hub did not become ready:\n" + Files.readString(log));
                }
                Thread.sleep(5);
            }
            double readyMs = SessionStartBench.ms(t0);
            try (RpcClient ws = RpcClient.connect(base, Map.of("Authorization", "Bearer " + HubProcess.TOKEN))) {
                long t1 = System.nanoTime();
                ws.call("session.create", Map.of("id", sessionId));
                ws.call("page.url", Map.of("session", sessionId));
                double firstMs = SessionStartBench.ms(t1);
                ws.call("session.delete", Map.of("id", sessionId));
                return new double[] {readyMs, firstMs};
            }
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * The launcher (target/browserhub) running this JVM, in a build directory of its own: its first start records the
     * archive (an AOT cache on JDK 25+, a class data sharing archive before), the later ones start from it.
     */
    private void launcherRows(String java, String archive, Path data, Stats server) {
        int release = HubProcess.releaseOf(java);
        String jdk = release > 0 ? "JDK " + release : java;
        try {
            Path launcher = HubProcess.launcherIn(bench.dir("launcher-build-" + jdk.replace(' ', '-')));
            double rehearsed = startThroughLauncher(launcher, data, java)[0];
            List<Double> launched = new ArrayList<>();
            for (int i = 0; i < bench.config.hubStarts(); i++) {
                launched.add(startThroughLauncher(launcher, data, java)[0]);
                Bench.log("hub start %d through the launcher on %s: ready in %.0f ms", i, jdk, launched.get(i));
            }
            bench.table.row("6", "hub start through target/browserhub on " + jdk + ": the same, classes from the " + archive
                    + " its first start recorded", Stats.of(launched), server, "ms");
            bench.table.single("6", "first start through target/browserhub on " + jdk + " after a build: rehearsal (records the "
                    + archive + ") + start, 1 run", rehearsed, server.median(), "ms");
        } catch (Exception e) {
            throw new IllegalStateException("the launcher on " + jdk + " (" + java + ")", e);
        }
    }

    private double[] startThroughLauncher(Path launcher, Path data, String java) throws Exception {
        int port = RunServer.freePort();
        List<String> command = List.of(launcher.toString(), "serve", "--port", String.valueOf(port), "--data-dir", data.toString());
        return startOnce(command, Map.of("JAVA", java, "BROWSERHUB_JAVA_OPTS", "-Dbrowserhub.auth.token=" + HubProcess.TOKEN), port, "launched");
    }

    private boolean ready(URI base) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready"))
                    .header("Authorization", "Bearer " + HubProcess.TOKEN).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (IOException notYet) {
            return false;
        }
    }
}
