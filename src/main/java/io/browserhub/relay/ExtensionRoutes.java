package io.browserhub.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.config.HubConfig;
import io.browserhub.security.SeparatelyAuthenticated;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The relay's routes (PROTOCOL.md, "Extension relay"): {@code GET /extension} is the page for people (the dashboard's
 * extension view, behind the token like the rest of it) and, upgraded, the extension's WebSocket, which only the
 * browserhub extension may open (its Origin is {@code chrome-extension://<id>}) and which authenticates with the
 * credential of a pairing instead of the token; {@code GET /extension/browserhub-extension.zip} is the extension.
 */
@ApplicationScoped
public class ExtensionRoutes implements SeparatelyAuthenticated {

    private static final Logger LOG = Logger.getLogger(ExtensionRoutes.class);
    static final String PATH = "/extension";
    /** The extension must say hello (with its credential) this soon after connecting. */
    private static final long HELLO_WITHIN_MS = 10_000;
    /** The credential is missing, wrong or revoked: the extension forgets it and waits to be paired again. */
    static final short CLOSE_UNAUTHORIZED = 4401;

    private final Pairings pairings;
    private final BrowserLinks links;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Set<String> origins = new HashSet<>();
    private final String hubVersion;

    public ExtensionRoutes(Pairings pairings, BrowserLinks links, ObjectMapper json, Vertx vertx, HubConfig config,
                           @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String hubVersion) {
        this.pairings = pairings;
        this.links = links;
        this.json = json;
        this.vertx = vertx;
        this.hubVersion = hubVersion;
        origins.add("chrome-extension://" + ExtensionPackage.bundled().id());
        config.extension().allowedIds().orElse(List.of()).forEach(id -> origins.add("chrome-extension://" + id.strip().toLowerCase(Locale.ROOT)));
    }

    void install(@Observes Router router) {
        router.routeWithRegex(HttpMethod.GET, "/extension/?").handler(this::pageOrSocket);
        router.get(PATH + "/" + ExtensionPackage.FILE_NAME).handler(this::download);
    }

    @Override
    public boolean handles(HttpServerRequest request) {
        String path = request.path();
        return (PATH.equals(path) || (PATH + "/").equals(path)) && isWebSocketUpgrade(request);
    }

    private void pageOrSocket(RoutingContext ctx) {
        if (isWebSocketUpgrade(ctx.request())) {
            socket(ctx);
        } else {
            // the page is the dashboard's extension view: same sign-in, same Content-Security-Policy
            ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, "/#/extension").end();
        }
    }

    private void download(RoutingContext ctx) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/zip")
                .putHeader("Content-Disposition", "attachment; filename=\"" + ExtensionPackage.FILE_NAME + "\"")
                .end(io.vertx.core.buffer.Buffer.buffer(ExtensionPackage.bundled().zip()));
    }

    /** Only the extension's own origin; the credential comes in its first message, never in the URL. */
    private void socket(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null || !origins.contains(origin.strip().toLowerCase(Locale.ROOT))) {
            LOG.infof("Refused an extension socket from %s: only the browserhub extension may open it", origin == null ? "a client without Origin" : origin);
            ObjectNode error = json.createObjectNode();
            error.putObject("error").put("code", -32009).put("message", "Only the browserhub extension may open /extension (Origin "
                    + origins + "; more with browserhub.extension.allowed-ids).");
            ctx.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(error.toString());
            return;
        }
        ctx.request().toWebSocket().onSuccess(ws -> handshake(ws));
    }

    private void handshake(ServerWebSocket ws) {
        ExtensionSocket socket = new ExtensionSocket(ws, json, Vertx.currentContext());
        long timer = vertx.setTimer(HELLO_WITHIN_MS, id -> socket.close(CLOSE_UNAUTHORIZED, "No hello with a credential"));
        socket.listen(new ExtensionSocket.Listener() {
            @Override
            public void message(ObjectNode message) {
                vertx.cancelTimer(timer);
                if (!"hello".equals(message.path("type").asText())) {
                    socket.close(CLOSE_UNAUTHORIZED, "The first message must be the hello with the credential");
                    return;
                }
                pairings.verify(message.path("credential").asText(null)).ifPresentOrElse(
                        pairing -> welcome(socket, pairing, message),
                        () -> socket.close(CLOSE_UNAUTHORIZED, "This browser's credential is unknown here (revoked?): pair it again on /extension"));
            }

            @Override
            public void closed(String reason) {
                vertx.cancelTimer(timer);
            }
        });
    }

    private void welcome(ExtensionSocket socket, Pairings.Pairing pairing, ObjectNode hello) {
        BrowserLink link = new BrowserLink(pairing.session(), socket, hello);
        socket.handOver(new ExtensionSocket.Listener() {
            @Override
            public void message(ObjectNode message) {
                link.message(message);
            }

            @Override
            public void closed(String reason) {
                link.closed(reason);
                links.disconnected(link, reason);
            }
        });
        socket.send(json.createObjectNode().put("type", "welcome").put("session", pairing.session()).put("hubVersion", hubVersion));
        links.connected(link);
    }

    private static boolean isWebSocketUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        return request.method() == HttpMethod.GET && upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    /** For tests and status: the origins the socket accepts. */
    Set<String> origins() {
        return Set.copyOf(origins);
    }
}
