package io.browserhub.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A real Selenium Grid 4 (standalone: router, distributor, session map, queue and one node in one JVM), started as a
 * process of its own from target/selenium-grid.classpath (written by the build, see pom.xml). Its node runs the
 * machine's Chromium through Debian's chromedriver and carries a {@code browserhub:node} stereotype capability.
 * The node's session timeout is short on purpose (10 s): the hub's keep-alive has to hold sessions past it.
 */
public final class TestGrid implements AutoCloseable {

    /** The name the shared Grid's node is known by. */
    public static final String NODE = "node-a";
    /** Slots on the node: the sessions the tests hold at once, plus room. */
    public static final int SLOTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestGrid shared;

    /** The shared Grid's process id, for every class loader of this JVM (each Quarkus start loads the tests again). */
    private static final String SHARED_PID = "grid-tests.pid";
    private static final String SHARED_NODE = "grid-tests.node";

    private final int port;
    private final String node;
    private final Path dir;
    private final ProcessHandle process;

    private TestGrid(int port, String node, Path dir, ProcessHandle process) {
        this.port = port;
        this.node = node;
        this.dir = dir;
        this.process = process;
    }

    /**
     * Starts a standalone Grid on this loopback port whose node is named {@code node} and has this many slots; returns
     * once it takes sessions.
     */
    public static TestGrid start(int port, String node, Path dir, int slots) {
        try {
            Files.createDirectories(dir);
            Path classpath = Path.of("target", "selenium-grid.classpath");
            if (!Files.isRegularFile(classpath)) {
                throw new IllegalStateException(classpath.toAbsolutePath() + " is missing: run the tests through Maven, whose"
                        + " generate-test-resources phase writes it");
            }
            Path toml = dir.resolve("grid-" + node + ".toml");
            Files.writeString(toml, """
                    [node]
                    detect-drivers = false
                    session-timeout = 10
                    max-sessions = %d
                    override-max-sessions = true

                    [[node.driver-configuration]]
                    display-name = "chromium"
                    max-sessions = %d
                    webdriver-executable = "/usr/bin/chromedriver"
                    stereotype = '{"browserName": "chrome", "browserhub:node": "%s"}'

                    [sessionqueue]
                    session-request-timeout = 8
                    session-request-timeout-period = 1
                    """.formatted(slots, slots, node));
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", Files.readString(classpath).strip(), "org.openqa.selenium.grid.Main", "standalone",
                    "--host", "127.0.0.1", "--port", String.valueOf(port), "--config", toml.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("grid.log").toFile()))
                    .start();
            TestGrid grid = new TestGrid(port, node, dir, p.toHandle());
            grid.awaitReady(Duration.ofSeconds(90));
            return grid;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Grid the hub under test is configured with (browserhub.grid.url, a random port given by
     * {@link GridTestResource}): started on first use and shared by every test class of this JVM.
     */
    public static TestGrid shared() {
        synchronized (System.class) {
            if (shared == null || !shared.process.isAlive()) {
                shared = adopted().orElseGet(() -> startShared(NODE));
            }
            return shared;
        }
    }

    /** Kills the shared Grid (if running) and starts it again, on the same port, with its node named {@code node}. */
    public static TestGrid restartShared(String node) {
        synchronized (System.class) {
            adopted().ifPresent(TestGrid::kill);
            shared = startShared(node);
            return shared;
        }
    }

    /** The shared Grid that this JVM started under an earlier class loader, if it still runs. */
    private static Optional<TestGrid> adopted() {
        return Optional.ofNullable(System.getProperty(SHARED_PID)).flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(ProcessHandle::isAlive)
                .map(p -> new TestGrid(configuredPort(), System.getProperty(SHARED_NODE), Path.of("target", "grid-tests"), p));
    }

    private static TestGrid startShared(String node) {
        TestGrid grid = start(configuredPort(), node, Path.of("target", "grid-tests"), SLOTS);
        if (System.getProperty(SHARED_PID) == null) {
            // the Grid ends with the test JVM, whichever class loader started the one running then
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Optional.ofNullable(System.getProperty(SHARED_PID))
                    .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                    .ifPresent(p -> new TestGrid(0, null, null, p).close())));
        }
        System.setProperty(SHARED_PID, String.valueOf(grid.process.pid()));
        System.setProperty(SHARED_NODE, node);
        return grid;
    }

    private static int configuredPort() {
        return URI.create(ConfigProvider.getConfig().getValue("browserhub.grid.url", String.class)).getPort();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String node() {
        return node;
    }

    /** The Grid's JVM; its node's chromedrivers and Chromes are its descendants. */
    public ProcessHandle handle() {
        return process;
    }

    /** GET /status, value part. */
    public JsonNode status() {
        return get("/status").path("value");
    }

    /** Every Grid session running now. */
    public List<String> sessionIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode n : status().path("nodes")) {
            for (JsonNode slot : n.path("slots")) {
                String id = slot.path("session").path("sessionId").asText(null);
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    public int freeSlots() {
        int free = 0;
        for (JsonNode n : status().path("nodes")) {
            for (JsonNode slot : n.path("slots")) {
                free += slot.path("session").isNull() || slot.path("session").isMissingNode() ? 1 : 0;
            }
        }
        return free;
    }

    /** The Grid session whose Chrome runs on the profile of this hub session (its directory is named after the session). */
    public Optional<String> sessionOf(String hubSession) {
        for (JsonNode n : status().path("nodes")) {
            for (JsonNode slot : n.path("slots")) {
                JsonNode session = slot.path("session");
                String dataDir = session.path("capabilities").path("chrome").path("userDataDir").asText("");
                // GridBackend names it <session id>-<creation time in ms>
                if (dataDir.substring(dataDir.lastIndexOf('/') + 1).matches(java.util.regex.Pattern.quote(hubSession) + "-\\d+")) {
                    return Optional.of(session.path("sessionId").asText());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the Grid still answers WebDriver commands for this session (GET its timeouts): false once its node ended
     * it, which its status may still list until the node's next sweep.
     */
    public boolean answersFor(String sessionId) {
        return exchange(HttpRequest.newBuilder(url().resolve("/session/" + sessionId + "/timeouts")).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    /** A plain WebDriver session, as any other Grid client would take one (it holds a slot until deleted). */
    public String createPlainSession() {
        String body = """
                {"capabilities": {"alwaysMatch": {"browserName": "chrome",
                  "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": ["--headless=new", "--no-sandbox"]}}}}""";
        return send(HttpRequest.newBuilder(url().resolve("/session")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).path("value").path("sessionId").asText();
    }

    /** Ends a Grid session behind the hub's back, as a node restart or another Grid client could. */
    public void deleteSession(String id) {
        send(HttpRequest.newBuilder(url().resolve("/session/" + id)).timeout(Duration.ofSeconds(30)).DELETE().build());
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(url().resolve(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private static JsonNode send(HttpRequest request) {
        try {
            return JSON.readTree(exchange(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Selenium Grid exited at start; see "
                        + dir.resolve("grid.log").toAbsolutePath());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url().resolve("/status")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (JSON.readTree(r.body()).path("value").path("ready").asBoolean(false)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        kill();
        throw new IllegalStateException("The Selenium Grid on port " + port + " was not ready within " + limit.toSeconds()
                + " s; see " + dir.resolve("grid.log").toAbsolutePath());
    }

    /** Ends the Grid at once, node, chromedriver and Chrome included, as a machine that dies would. */
    public void kill() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        process.onExit().completeOnTimeout(process, 10, TimeUnit.SECONDS).join();
        tree.forEach(p -> p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join());
    }

    /** Stops the Grid as an operator would (its node ends its sessions), then whatever is left. */
    @Override
    public void close() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        if (process.onExit().completeOnTimeout(process, 15, TimeUnit.SECONDS).join().isAlive()) {
            process.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
