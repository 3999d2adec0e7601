package io.browserhub.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.api.HubExceptionMapper;
import io.browserhub.backend.DevToolsEndpoint;
import io.browserhub.client.Client;
import io.browserhub.client.ClientDisconnected;
import io.browserhub.client.ClientKind;
import io.browserhub.command.ControlGate;
import io.browserhub.command.Dispatcher;
import io.browserhub.config.HubConfig;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The CDP door's routes (PROTOCOL.md, "CDP"): {@code /cdp/{session}} and {@code /cdp/{session}/page/{target}}
 * upgrade to DevTools WebSockets proxied to the session's Chromium; {@code /cdp/{session}/json/version} and
 * {@code /json/list} answer as Chromium does, with the hub's addresses. Plain Vert.x routes, so that frames
 * pass through as bytes; they come after security/RequestGuard, which checks Host, Origin and the token first.
 */
@ApplicationScoped
public class CdpRoutes {

    private static final Logger LOG = Logger.getLogger(CdpRoutes.class);
    private static final Pattern TARGET_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CLIENT_NAME = Pattern.compile("[\\p{L}\\p{N} ._:@/+-]{1,64}");

    private final SessionRegistry sessions;
    private final HubConfig config;
    private final CdpDoor door;
    private final AtomicLong unnamed = new AtomicLong();

    public CdpRoutes(SessionRegistry sessions, HubConfig config, DevToolsUpstream upstream, ControlGate gate, Dispatcher dispatcher,
                     CdpActivity activity, Event<ClientDisconnected> disconnected, ObjectMapper json, Vertx vertx,
                     @ConfigProperty(name = "quarkus.websockets-next.server.max-message-size") OptionalInt maxMessage) {
        this.sessions = sessions;
        this.config = config;
        this.door = new CdpDoor(upstream, gate, dispatcher, activity, disconnected, json, vertx, maxMessage.orElse(10 * 1024 * 1024));
    }

    void install(@Observes Router router) {
        // with and without a trailing slash: Playwright asks for /json/version/, DevTools and curl without
        router.routeWithRegex(HttpMethod.GET, "/cdp/([^/]+)/json/version/?").handler(ctx -> json(ctx, this::version));
        router.routeWithRegex(HttpMethod.GET, "/cdp/([^/]+)/json(?:/list)?/?").handler(ctx -> json(ctx, this::list));
        router.routeWithRegex(HttpMethod.GET, "/cdp/([^/]+)/?").handler(ctx -> upgrade(ctx, null));
        router.routeWithRegex(HttpMethod.GET, "/cdp/([^/]+)/page/([^/]+)/?").handler(ctx -> upgrade(ctx, ctx.pathParam("param1")));
    }

    /** One of Chromium's /json answers, asked of the session's browser (started if need be), with the hub's addresses. */
    private interface Answer {
        Future<JsonNode> of(RoutingContext ctx, Session session, DevToolsEndpoint endpoint);
    }

    private void json(RoutingContext ctx, Answer answer) {
        Session session;
        try {
            session = session(ctx);
        } catch (HubException e) {
            refuse(ctx, e);
            return;
        }
        Context context = Vertx.currentContext();
        door.upstream().running(session).whenComplete((endpoint, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                refuse(ctx, hubFailure(failure, session));
                return;
            }
            answer.of(ctx, session, endpoint).onComplete(ar -> {
                if (ar.failed()) {
                    refuse(ctx, hubFailure(ar.cause(), session));
                } else {
                    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8").end(ar.result().toString());
                }
            });
        }));
    }

    private Future<JsonNode> version(RoutingContext ctx, Session session, DevToolsEndpoint endpoint) {
        return door.upstream().get(endpoint, "/json/version").map(version -> {
            ObjectNode answer = version.isObject() ? (ObjectNode) version : door.json().createObjectNode();
            answer.put("webSocketDebuggerUrl", CdpAddress.browser(ctx.request(), session.id()));
            return answer;
        });
    }

    /** The session's targets, without Chromium's own UI (browser_ui): each with the hub's address of its page WebSocket. */
    private Future<JsonNode> list(RoutingContext ctx, Session session, DevToolsEndpoint endpoint) {
        return door.upstream().get(endpoint, "/json/list").map(targets -> {
            ArrayNode answer = door.json().createArrayNode();
            for (JsonNode target : targets) {
                String id = target.path("id").asText("");
                if (!(target instanceof ObjectNode t) || "browser_ui".equals(t.path("type").asText()) || !TARGET_ID.matcher(id).matches()) {
                    continue;
                }
                t.put("webSocketDebuggerUrl", CdpAddress.page(ctx.request(), session.id(), id));
                String frontend = t.path("devtoolsFrontendUrl").asText("");
                int ws = frontend.indexOf("ws=");
                if (ws > 0) {
                    int end = frontend.indexOf('&', ws);
                    t.put("devtoolsFrontendUrl", frontend.substring(0, ws) + CdpAddress.frontendParameter(ctx.request(), session.id(), id)
                            + (end < 0 ? "" : frontend.substring(end)));
                }
                answer.add(t);
            }
            return answer;
        });
    }

    /**
     * The WebSocket: checked before the upgrade (session, names), then upgraded at once; the session starts and
     * the upstream opens afterwards while the client's first messages wait, so that a slow start fails as a close
     * frame with its reason rather than a bare handshake error.
     */
    private void upgrade(RoutingContext ctx, String pageTarget) {
        HttpServerRequest request = ctx.request();
        Session session;
        Client client;
        boolean acquire;
        try {
            session = session(ctx);
            if (!isWebSocketUpgrade(request)) {
                refuse(ctx, new HubException(ErrorCode.INVALID_REQUEST, "/cdp/" + session.id() + " is a DevTools WebSocket: connect to it"
                        + " with a CDP client (Playwright connectOverCDP, Puppeteer connect), or GET /cdp/" + session.id() + "/json/version."),
                        426);
                return;
            }
            if (pageTarget != null && !TARGET_ID.matcher(pageTarget).matches()) {
                throw HubException.invalidParams("Invalid target id; GET /cdp/" + session.id() + "/json/list lists the session's targets.");
            }
            client = client(request.getParam("client"));
            acquire = acquiresControl(request.getParam("control"));
        } catch (HubException e) {
            refuse(ctx, e);
            return;
        }
        Context context = Vertx.currentContext();
        request.toWebSocket().onComplete(upgraded -> {
            if (upgraded.failed()) {
                LOG.debugf("CDP upgrade for session %s failed: %s", session.id(), upgraded.cause().toString());
                return;
            }
            new CdpConnection(door, upgraded.result(), client, session, pageTarget, acquire, context).open();
        });
    }

    private Session session(RoutingContext ctx) {
        if (!config.cdp().enabled()) {
            throw new HubException(ErrorCode.METHOD_NOT_FOUND, "This hub runs without the CDP door (browserhub.cdp.enabled=false):"
                    + " its browsers have no DevTools port.", Map.of("door", "cdp"));
        }
        return sessions.require(ctx.pathParam("param0"));
    }

    /** ?client=NAME names the connection in the activity log and in control status; else cdp-N. */
    private Client client(String name) {
        if (name == null || name.isBlank()) {
            return Client.connection("cdp-" + unnamed.incrementAndGet(), ClientKind.AGENT);
        }
        if (!CLIENT_NAME.matcher(name.strip()).matches()) {
            throw HubException.invalidParams("?client= must be 1 to 64 letters, digits, spaces or . _ : @ / + -.");
        }
        return Client.connection(name.strip(), ClientKind.AGENT);
    }

    /** ?control=acquire: the connection takes the session's control lease as it opens, and holds it while it is open. */
    private static boolean acquiresControl(String control) {
        if (control == null) {
            return false;
        }
        if (!control.equals("acquire")) {
            throw HubException.invalidParams("?control= takes one value, \"acquire\": the connection takes control of the session"
                    + " as it opens (refused with close code " + CdpConnection.CLOSE_CONTROL_HELD + " when another client holds it).");
        }
        return true;
    }

    private static boolean isWebSocketUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    private static HubException hubFailure(Throwable failure, Session session) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof HubException hub ? hub : new HubException(ErrorCode.SESSION_UNAVAILABLE,
                "Session \"" + session.id() + "\": its browser's DevTools server did not answer (" + cause.getMessage() + ").",
                Map.of("session", session.id()), cause);
    }

    private void refuse(RoutingContext ctx, HubException e) {
        refuse(ctx, e, HubExceptionMapper.status(e.code()));
    }

    /** The API's error shape: {"error": {code, message, data}}. */
    private void refuse(RoutingContext ctx, HubException e, int status) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code().code());
        error.put("message", e.getMessage());
        error.put("data", e.data());
        String body;
        try {
            body = door.json().writeValueAsString(Map.of("error", error));
        } catch (Exception encoding) {
            body = "{\"error\":{\"code\":" + e.code().code() + "}}";
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }
}
