package io.browserhub.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.backend.DevToolsEndpoint;
import io.browserhub.security.SeparatelyAuthenticated;
import io.browserhub.security.StartBanner;
import io.quarkus.vertx.http.HttpServer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The DevTools endpoints of the people's browsers: Chromium's HTTP and WebSocket endpoints ({@code /json/version},
 * {@code /json/list}, {@code /json/new}, {@code /devtools/browser/...}, {@code /devtools/page/<target>}) for each
 * connected browser, served by the hub under {@code /relay/<secret>/<session>}. The hub's own Playwright connects to
 * them (connectOverCDP), and the CDP door proxies its clients to them, as both do with a local Chromium's DevTools
 * port. The secret, made at each start, is what lets a request in (not the token): only the hub itself knows it, so
 * unlike Chromium's port, other users of the machine cannot reach it either.
 */
@ApplicationScoped
public class RelayDevTools implements SeparatelyAuthenticated {

    private static final String PREFIX = "/relay/";
    /** The browser path the CDP door's clients reach; the hub's own connection uses {@link #HUB_PATH}. */
    private static final String BROWSER_PATH = "/devtools/browser/relay";
    private static final String HUB_PATH = "/devtools/browser/hub";

    private final ObjectMapper json;
    private final BrowserLinks links;
    private final HttpServer server;
    private final String bindHost;
    private final String secret;

    public RelayDevTools(ObjectMapper json, BrowserLinks links, HttpServer server, @ConfigProperty(name = "quarkus.http.host") String bindHost) {
        this.json = json;
        this.links = links;
        this.server = server;
        this.bindHost = bindHost;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    void install(@Observes Router router) {
        router.route(PREFIX + "*").handler(ctx -> handle(ctx.request()));
    }

    @Override
    public boolean handles(HttpServerRequest request) {
        return request.path().startsWith(PREFIX);
    }

    /** The CDP door's way in to a session of a person's browser. */
    public DevToolsEndpoint endpoint(String session) {
        URI hub = hub();
        return new DevToolsEndpoint(hub.getHost(), hub.getPort(), BROWSER_PATH, base(session));
    }

    /** The browser WebSocket the hub's own Playwright connects to. */
    String hubUrl(String session) {
        URI hub = hub();
        return "ws://" + hub.getHost() + ":" + hub.getPort() + base(session) + HUB_PATH;
    }

    /** The hub as it reaches itself (its listening address; loopback when it listens on every address). */
    private URI hub() {
        return URI.create(StartBanner.dashboardUrl(bindHost, server.getPort(), null));
    }

    private String base(String session) {
        return PREFIX + secret + "/" + session;
    }

    private void handle(HttpServerRequest request) {
        // /relay/<secret>/<session>/<rest>
        String[] parts = request.path().split("/", 5);
        if (parts.length < 5 || !secretMatches(parts[2])) {
            answer(request.response().setStatusCode(404), "{\"error\":\"not found\"}");
            return;
        }
        if (request.getHeader(HttpHeaders.ORIGIN) != null) {
            answer(request.response().setStatusCode(403), "{\"error\":\"not for web pages\"}");
            return;
        }
        String session = URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
        String rest = "/" + parts[4];
        Optional<BrowserLink> found = links.find(session);
        if (found.isEmpty()) {
            answer(request.response().setStatusCode(503), "{\"error\":\"no browser is connected as this session\"}");
            return;
        }
        BrowserLink link = found.get();
        if (rest.startsWith("/devtools/browser/")) {
            upgrade(request, link, rest.equals(HUB_PATH) ? "hub" : "cdp", null);
        } else if (rest.startsWith("/devtools/page/")) {
            upgrade(request, link, "cdp", rest.substring("/devtools/page/".length()));
        } else if (rest.equals("/json/version") || rest.equals("/json/version/")) {
            link.run(() -> answer(request.response(), version(link).toString()));
        } else if (rest.equals("/json") || rest.equals("/json/") || rest.equals("/json/list") || rest.equals("/json/list/")) {
            link.run(() -> answer(request.response(), list(link, session).toString()));
        } else if (rest.equals("/json/new") && request.method() == HttpMethod.PUT) {
            String url = request.query() == null ? "about:blank" : URLDecoder.decode(request.query(), StandardCharsets.UTF_8);
            link.run(() -> link.open(url).whenComplete((tab, failure) -> {
                if (failure != null) {
                    answer(request.response().setStatusCode(500), "{\"error\":\"the tab did not open\"}");
                } else {
                    link.run(() -> answer(request.response(), target(tab, session).toString()));
                }
            }));
        } else {
            answer(request.response().setStatusCode(404), "{\"error\":\"not found\"}");
        }
    }

    private void upgrade(HttpServerRequest request, BrowserLink link, String name, String pageTarget) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        if (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
            answer(request.response().setStatusCode(426), "{\"error\":\"a DevTools WebSocket\"}");
            return;
        }
        request.toWebSocket().onSuccess(socket -> {
            // nothing is read until the client's handlers are in place, on the link's event loop
            socket.pause();
            link.run(() -> open(link, socket, name, pageTarget));
        });
    }

    private void open(BrowserLink link, ServerWebSocket socket, String name, String pageTarget) {
        if (!link.connected()) {
            socket.close((short) 1011, "The browser disconnected");
            return;
        }
        try {
            RelayClient.open(link, socket, json, name, pageTarget);
            socket.resume();
        } catch (CdpError e) {
            socket.close((short) 1011, e.getMessage());
        }
    }

    private ObjectNode version(BrowserLink link) {
        ObjectNode v = json.createObjectNode();
        v.put("Browser", BrowserTarget.product(link.userAgent()));
        v.put("Protocol-Version", "1.3");
        v.put("User-Agent", link.userAgent());
        v.put("V8-Version", "");
        v.put("WebKit-Version", "");
        v.put("webSocketDebuggerUrl", "ws://" + hub().getAuthority() + base(link.session()) + BROWSER_PATH);
        return v;
    }

    private ArrayNode list(BrowserLink link, String session) {
        ArrayNode targets = json.createArrayNode();
        link.attachedTabs().forEach(tab -> targets.add(target(tab, session)));
        return targets;
    }

    private ObjectNode target(SharedTab tab, String session) {
        ObjectNode info = tab.targetInfo();
        ObjectNode t = json.createObjectNode();
        t.put("description", "");
        t.put("devtoolsFrontendUrl", "");
        t.put("id", tab.targetId());
        t.put("title", info.path("title").asText(""));
        t.put("type", "page");
        t.put("url", info.path("url").asText(""));
        t.put("webSocketDebuggerUrl", "ws://" + hub().getAuthority() + base(session) + "/devtools/page/" + tab.targetId());
        return t;
    }

    private boolean secretMatches(String given) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII), secret.getBytes(StandardCharsets.US_ASCII));
    }

    private static void answer(HttpServerResponse response, String body) {
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8").end(body);
    }

    /** Closes the hub's own connections to a browser: every Playwright call on them fails at once. */
    void dropHub(BrowserLink link) {
        link.run(() -> link.fanOut().clients().stream().filter(c -> c.name().equals("hub"))
                .forEach(c -> c.close((short) 1001, "the session's browser was ended")));
    }
}
