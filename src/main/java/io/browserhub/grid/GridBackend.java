package io.browserhub.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import io.browserhub.backend.BrowserBackend;
import io.browserhub.backend.DevToolsEndpoint;
import io.browserhub.backend.LaunchSettings;
import io.browserhub.backend.RunningBrowser;
import io.browserhub.browser.PlaywrightDriver;
import io.browserhub.browser.PlaywrightMessage;
import io.browserhub.config.HubConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Placement "grid": asks a Selenium Grid 4 for a Chrome (W3C new session, the session's profile on the node) and
 * drives it with Playwright's connectOverCDP through the Grid's se:cdp endpoint. The first start goes wherever the
 * Grid places it; the node it lands on (its {@code browserhub:node} stereotype capability) is where the profile lives,
 * and every later start asks for that node again.
 */
@ApplicationScoped
public class GridBackend implements BrowserBackend {

    private static final Logger LOG = Logger.getLogger(GridBackend.class);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

    private final HubConfig config;
    private final Optional<GridClient> client;
    private final Optional<String> misconfigured;
    private final ChromeRequest request;
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "grid-keep-alive");
        t.setDaemon(true);
        return t;
    });
    private volatile GridState lastLook;

    public GridBackend(HubConfig config, ObjectMapper json) {
        this.config = config;
        Optional<GridClient> grid = Optional.empty();
        ObjectNode capabilities = json.createObjectNode();
        String problem = null;
        try {
            grid = config.grid().url().map(url -> new GridClient(GridAddress.parse(url), json));
            if (config.grid().capabilities().isPresent()) {
                capabilities = ChromeRequest.parse(json, config.grid().capabilities().get());
            }
            if (!config.grid().profileDir().startsWith("/")) {
                throw new IllegalArgumentException("browserhub.grid.profile-dir must be an absolute path on the nodes, not \""
                        + config.grid().profileDir() + "\"");
            }
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        this.client = grid;
        this.request = new ChromeRequest(capabilities);
        this.misconfigured = Optional.ofNullable(problem)
                .or(() -> config.grid().url().isEmpty() ? Optional.of("set browserhub.grid.url to a Selenium Grid 4") : Optional.empty());
    }

    @PreDestroy
    void close() {
        keepAlive.shutdownNow();
    }

    @Override
    public String name() {
        return "grid";
    }

    @Override
    public Optional<String> unusable() {
        return misconfigured;
    }

    @Override
    public RunningBrowser start(LaunchSettings settings, Consumer<String> progress) {
        misconfigured.ifPresent(why -> {
            throw new IllegalStateException("this session runs on a Selenium Grid, and this hub has none: " + why);
        });
        GridClient grid = client.orElseThrow();
        String pinned = settings.node();
        String asked = pinned == null ? "the Selenium Grid at " + grid.address()
                : "node " + pinned + " (where the session's profile lives) of the Selenium Grid at " + grid.address();
        if (pinned != null) {
            progress.accept("looking for node " + pinned + " on the Selenium Grid");
            requireUp(grid, pinned);
        }
        progress.accept("asking " + asked + " for a Chrome");
        GridClient.Created created;
        try {
            created = grid.newSession(request.build(settings, profileOnNode(settings)), config.session().startTimeout());
        } catch (GridException e) {
            throw new IllegalStateException("the Selenium Grid at " + grid.address() + " " + e.getMessage()
                    + (pinned == null ? "" : " (the session is pinned to node " + pinned + ")"), e);
        }
        try {
            GridNode landed = landedOn(grid, created.sessionId(), pinned);
            progress.accept("connecting to the Chrome on node " + landed.name() + " through the Grid");
            GridBrowser running = connect(grid, created, landed, settings);
            running.keepAlive(keepAlive, touchEvery(landed));
            LOG.infof("Session %s runs on %s (Grid session %s)", settings.sessionId(), running.where(), created.sessionId());
            return running;
        } catch (RuntimeException e) {
            // the slot is the Grid's: give it back whatever went wrong after it was taken
            grid.deleteLater(created.sessionId());
            throw e;
        }
    }

    /** A Playwright of its own (its driver), connected to the Grid session's Chrome through the router's se:cdp. */
    private GridBrowser connect(GridClient grid, GridClient.Created created, GridNode landed, LaunchSettings settings) {
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "TMPDIR", settings.tempDir().toString())));
        try {
            Files.createDirectories(settings.tempDir());
            BrowserType.ConnectOverCDPOptions options = new BrowserType.ConnectOverCDPOptions()
                    .setTimeout(config.session().startTimeout().toMillis());
            grid.address().authorization().ifPresent(a -> options.setHeaders(Map.of("Authorization", a)));
            Browser browser;
            try {
                browser = playwright.chromium().connectOverCDP(grid.address().cdp(created.sessionId()).toString(), options);
            } catch (RuntimeException e) {
                throw new IllegalStateException("could not connect to the Chrome on node " + landed.name() + " through the Selenium Grid at "
                        + grid.address() + " (se:cdp): " + PlaywrightMessage.of(e).firstLine(), e);
            }
            BrowserContext context = browser.contexts().get(0);
            context.setDefaultTimeout(config.session().defaultTimeout().toMillis());
            context.setDefaultNavigationTimeout(config.session().defaultTimeout().toMillis());
            PageEmulation.apply(context, settings);
            return new GridBrowser(playwright, browser, context, grid, created.sessionId(), landed.name(),
                    config.cdp().enabled() ? reachableDevTools(created.debuggerAddress(), landed.uri()) : Optional.empty());
        } catch (RuntimeException | IOException e) {
            // the start failure is what matters
            PlaywrightDriver.closeQuietly(playwright);
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Where the profile of this incarnation of the session lives on its node (a new session of an old id starts clean). */
    private String profileOnNode(LaunchSettings settings) {
        return config.grid().profileDir().replaceAll("/+$", "") + "/" + settings.sessionId() + "-" + settings.createdAt().toEpochMilli();
    }

    /** Fails at once, naming the node, when the node a session is pinned to is not there to take it. */
    private void requireUp(GridClient grid, String pinned) {
        GridStatus status;
        try {
            status = grid.status(STATUS_TIMEOUT);
        } catch (GridException e) {
            throw new IllegalStateException("the Selenium Grid at " + grid.address() + " " + e.getMessage()
                    + " (the session is pinned to node " + pinned + ")", e);
        }
        GridNode node = status.named(pinned).orElseThrow(() -> new IllegalStateException("node " + pinned
                + ", where the session's profile lives, is not registered with the Selenium Grid at " + grid.address()
                + "; start it again (with \"" + GridNode.NAME_CAPABILITY + "\": \"" + pinned + "\" in its stereotype), then retry"));
        if (!node.up()) {
            throw new IllegalStateException("node " + pinned + ", where the session's profile lives, is " + node.availability()
                    + " on the Selenium Grid at " + grid.address() + "; retry when it is UP");
        }
    }

    /** The node that runs the new Grid session, with its browserhub name checked against the pin. */
    private static GridNode landedOn(GridClient grid, String gridSession, String pinned) {
        GridStatus status;
        try {
            status = grid.status(STATUS_TIMEOUT);
        } catch (GridException e) {
            throw new IllegalStateException("the Selenium Grid at " + grid.address() + " " + e.getMessage(), e);
        }
        GridNode node = status.running(gridSession).orElseThrow(() -> new IllegalStateException(
                "the Selenium Grid at " + grid.address() + " created session " + gridSession + " but lists it on no node"));
        if (node.name() == null) {
            throw new IllegalStateException("node " + node.uri() + " of the Selenium Grid at " + grid.address() + " has no \""
                    + GridNode.NAME_CAPABILITY + "\" capability in its stereotype: browserhub pins each session's profile to"
                    + " its node by that name (docs/scale-out.md)");
        }
        if (pinned != null && !pinned.equals(node.name())) {
            throw new IllegalStateException("the Selenium Grid at " + grid.address() + " placed the session on node " + node.label()
                    + " instead of " + pinned + ", where its profile lives: give every node a \"" + GridNode.NAME_CAPABILITY
                    + "\" stereotype capability (docs/scale-out.md)");
        }
        return node;
    }

    /**
     * The node's Chrome DevTools server (chromedriver reports it as localhost:PORT on the node), for the CDP door: only
     * when this hub can reach it, that is when the node runs on this machine or exposes the port.
     */
    private static Optional<DevToolsEndpoint> reachableDevTools(Optional<String> debuggerAddress, URI nodeUri) {
        if (debuggerAddress.isEmpty() || nodeUri == null) {
            return Optional.empty();
        }
        String address = debuggerAddress.get();
        int colon = address.lastIndexOf(':');
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            String host = isThisMachine(nodeUri.getHost()) ? "127.0.0.1" : nodeUri.getHost();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/json/version"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode version = new ObjectMapper().readTree(answer.body());
            String path = URI.create(version.path("webSocketDebuggerUrl").asText()).getRawPath();
            return Optional.of(new DevToolsEndpoint(host, port, path));
        } catch (IOException | RuntimeException e) {
            LOG.debugf("The node's DevTools server %s is not reachable from this hub: %s", address, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean isThisMachine(String host) {
        try {
            InetAddress a = InetAddress.getByName(host);
            return a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The configured interval, or a third of the node's own session timeout when that is shorter. */
    private Duration touchEvery(GridNode node) {
        Duration every = config.grid().keepAlive();
        Duration nodeTimeout = node.sessionTimeout();
        if (nodeTimeout != null && nodeTimeout.dividedBy(3).compareTo(every) < 0) {
            every = nodeTimeout.dividedBy(3);
        }
        return every.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : every;
    }

    /** What readiness reports: the Grid's state as last seen (looked at again after browserhub.grid.status-ttl). */
    public GridState state() {
        GridState last = lastLook;
        if (last != null && System.nanoTime() - last.seenAtNanos() < config.grid().statusTtl().toNanos()) {
            return last;
        }
        GridState now;
        if (misconfigured.isPresent()) {
            now = new GridState(config.grid().url().orElse(null), Optional.empty(), misconfigured.get(), System.nanoTime());
        } else {
            GridClient grid = client.orElseThrow();
            try {
                GridStatus status = grid.status(Duration.ofSeconds(3));
                now = new GridState(grid.address().toString(), Optional.of(status), status.ready() ? null : status.message(), System.nanoTime());
            } catch (GridException e) {
                now = new GridState(grid.address().toString(), Optional.empty(), "the Selenium Grid " + e.getMessage(), System.nanoTime());
            }
        }
        lastLook = now;
        return now;
    }

    /** Whether new sessions go to the Grid unless they ask otherwise: then the hub is not ready without it. */
    public boolean placesByDefault() {
        return config.grid().placeByDefault();
    }

    /** The Grid as readiness sees it: its URL, its /status when it answered, and what is wrong, if anything. */
    public record GridState(String url, Optional<GridStatus> status, String problem, long seenAtNanos) {

        public boolean configured() {
            return url != null;
        }

        public boolean ready() {
            return problem == null && status.map(GridStatus::ready).orElse(false);
        }
    }
}
