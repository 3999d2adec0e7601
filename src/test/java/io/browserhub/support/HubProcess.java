package io.browserhub.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged hub as a child process, the way a user runs it: the native executable when the build made one
 * (failsafe's hub.executable, set by -Dnative), else target/quarkus-app/quarkus-run.jar.
 */
public final class HubProcess implements AutoCloseable {

    public static final String TOKEN = "it-token-0123456789abcdef";
    /** The JVM running the tests, which runs every packaged jar they start too. */
    public static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /**
     * A JVM of release 25 or newer, whose class archive target/browserhub records as an AOT cache: the one running the
     * tests when it is, else one under /usr/lib/jvm (where Debian and the Temurin packages install them). Its
     * bin/java with symbolic links resolved, as the launcher names it; empty when this machine has none.
     */
    public static Optional<String> javaWithAotCache() {
        List<Path> homes = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        try (Stream<Path> installed = Files.list(Path.of("/usr/lib/jvm"))) {
            installed.sorted(Comparator.reverseOrder()).forEach(homes::add);
        } catch (IOException none) {
            // no /usr/lib/jvm: only the tests' own JVM
        }
        return homes.stream()
                .filter(home -> release(home) >= 25 && Files.isExecutable(home.resolve("bin/java")))
                .map(home -> launcherName(home.resolve("bin/java").toString()))
                .findFirst();
    }

    /** A java as target/browserhub names it in the file beside an archive: its path with symbolic links resolved. */
    public static String launcherName(String java) {
        try {
            return Path.of(java).toRealPath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The feature release of the JDK this bin/java belongs to (symbolic links followed), 0 when it has no release file. */
    public static int releaseOf(String java) {
        try {
            return release(Path.of(java).toRealPath().getParent().getParent());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The feature release in a JDK's release file (JAVA_VERSION="25.0.3" is 25), 0 when it has none. */
    private static int release(Path home) {
        try {
            Matcher version = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(home.resolve("release")));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private final Process process;
    private final Path dataDir;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private final Map<String, String> config;
    private final Path artifact;

    private HubProcess(Process process, Path dataDir, int port, Path log, Map<String, String> config, Path artifact) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
        this.log = log;
        this.config = config;
        this.artifact = artifact;
    }

    public static HubProcess start(Path dataDir, Map<String, String> config) throws Exception {
        return start(dataDir, config, packaged());
    }

    /** What this build packaged: the native executable when there is one, else the jar. */
    public static Path packaged() {
        String executable = System.getProperty("hub.executable");
        if (executable != null && Files.isExecutable(Path.of(executable))) {
            return Path.of(executable);
        }
        return Path.of(System.getProperty("hub.jar", "target/quarkus-app/quarkus-run.jar"));
    }

    /**
     * The JVM launcher this build wrote (target/browserhub), copied into {@code dir} next to a link to the build's
     * quarkus-app: a build directory of its own, in which nothing has been recorded yet (the launcher writes its class
     * archive beside itself). Returns the launcher's path.
     */
    public static Path launcherIn(Path dir) throws IOException {
        Path jar = Path.of(System.getProperty("hub.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        Path launcher = Files.copy(jar.getParent().getParent().resolve("browserhub"), dir.resolve("browserhub"),
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Files.createSymbolicLink(dir.resolve("quarkus-app"), jar.getParent());
        return launcher;
    }

    /** The hub packaged in this jar or native executable, e.g. an earlier build to compare with. */
    public static HubProcess start(Path dataDir, Map<String, String> config, Path artifact) throws Exception {
        return start(dataDir, config, artifact, freePort());
    }

    /**
     * A new hub on this one's port, data directory and configuration, once this one has ended: a hub restart as the
     * clients that remember its address (a paired browser extension) see it.
     */
    public HubProcess startAgain() throws Exception {
        if (process.isAlive()) {
            throw new IllegalStateException("The hub still runs; terminate it first");
        }
        return start(dataDir, config, artifact, port);
    }

    private static HubProcess start(Path dataDir, Map<String, String> config, Path artifact, int port) throws Exception {
        List<String> command = command(artifact, port, dataDir, config);
        Files.createDirectories(dataDir);
        Path log = Files.createTempFile("hub-", ".log");
        log.toFile().deleteOnExit(); // read by log() until the tests end
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HubProcess hub = new HubProcess(process, dataDir, port, log, Map.copyOf(config), artifact);
        hub.awaitReady();
        return hub;
    }

    /** How to start this jar or native executable on this port and data directory, with the test token and more -D settings. */
    public static List<String> command(Path artifact, int port, Path dataDir, Map<String, String> config) {
        boolean jar = artifact.getFileName().toString().endsWith(".jar");
        List<String> command = new ArrayList<>();
        command.add(jar ? JAVA : artifact.toAbsolutePath().toString());
        command.addAll(List.of(
                "-Dquarkus.http.port=" + port,
                "-Dbrowserhub.data-dir=" + dataDir,
                "-Dbrowserhub.auth.token=" + TOKEN));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        if (jar) {
            command.add("-jar");
            command.add(artifact.toAbsolutePath().toString());
        }
        return command;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The hub exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                // a health check, not an RPC: a test may want the hub's first call to be its own (hub.info's uptime)
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.body().contains("\"checks\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The hub did not answer within 60 s:\n" + log());
    }

    /** One JSON-RPC call over HTTP; returns the whole response. */
    public JsonNode call(String method, Map<String, Object> params) throws IOException, InterruptedException {
        String body = RpcClient.JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rpc"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return RpcClient.JSON.readTree(response.body());
    }

    /** The result of a call that must succeed. */
    public JsonNode result(String method, Map<String, Object> params) throws IOException, InterruptedException {
        JsonNode response = call(method, params);
        if (!response.has("result")) {
            throw new AssertionError(method + " failed: " + response);
        }
        return response.get("result");
    }

    /** http://127.0.0.1:port/ of this hub. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public Path dataDir() {
        return dataDir;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGTERM, as Ctrl-C or a service manager would; returns the exit code or throws after the timeout. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The hub did not exit within " + timeout + " of SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    /**
     * Ctrl+C in a terminal: SIGINT to the hub and, at the same moment, to every process it started (a terminal
     * signals the whole foreground process group, browsers and drivers included). Waits for the hub to exit.
     */
    public int interruptGroup(Duration timeout) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("kill", "-INT", String.valueOf(process.pid())));
        process.descendants().forEach(p -> command.add(String.valueOf(p.pid())));
        new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(5, TimeUnit.SECONDS);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The hub did not exit within " + timeout + " of Ctrl+C:\n" + log());
        }
        return process.exitValue();
    }

    /**
     * Whether the hub inherited SIGINT as ignored (Linux's /proc/<pid>/status SigIgn): a shell's background job does,
     * and then no Ctrl+C reaches it, on the JVM or native alike; a test of Ctrl+C means nothing in such a run.
     */
    public boolean ignoresInterrupt() throws IOException {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 1)) != 0; // bit 1 = signal 2, SIGINT
            }
        }
        return false;
    }

    /** SIGKILL: the hub gets no chance to clean up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Every process (other than the hub itself) whose command line names this data directory: browsers and drivers. */
    public static List<ProcessHandle> processesUsing(Path dataDir) {
        String needle = dataDir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(needle) && !c.contains("-Dbrowserhub.data-dir=")).orElse(false))
                .toList();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
