package io.browserhub.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.backend.DevToolsEndpoint;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.session.Session;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The hub's way into a session's Chromium DevTools server on 127.0.0.1: the session started when it is not
 * running, Chromium's HTTP answers (/json/...), and WebSockets to its targets, one per CDP client.
 */
@ApplicationScoped
class DevToolsUpstream {

    /** Chromium sends a message as one frame, and a full-page screenshot can be tens of megabytes. */
    private static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

    private final ObjectMapper json;
    private final HttpClient http;
    private final WebSocketClient sockets;

    DevToolsUpstream(Vertx vertx, ObjectMapper json) {
        this.json = json;
        this.http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(8));
        this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(MAX_MESSAGE_BYTES)
                .setMaxMessageSize(MAX_MESSAGE_BYTES)
                .setMaxConnections(10_000)
                .setTryUsePerMessageCompression(false));
    }

    @PreDestroy
    void close() {
        http.close();
        sockets.close();
    }

    /**
     * The session's DevTools server, starting the session first when it is not running (the normal start: its
     * profile, its tabs reopened). Fails with the start's own error, or SESSION_UNAVAILABLE when the browser
     * runs without a DevTools port.
     */
    CompletionStage<DevToolsEndpoint> running(Session session) {
        Optional<DevToolsEndpoint> now = session.devTools();
        if (now.isPresent()) {
            return CompletableFuture.completedFuture(now.get());
        }
        return session.start().thenApply(info -> session.devTools().orElseThrow(() -> new HubException(ErrorCode.SESSION_UNAVAILABLE,
                "Session \"" + session.id() + "\" runs, but its browser announced no DevTools port; stop and start the session.",
                Map.of("session", session.id()))));
    }

    /** GET one of Chromium's /json endpoints. Call on the event loop that should see the answer. */
    Future<JsonNode> get(DevToolsEndpoint endpoint, String path) {
        return request(HttpMethod.GET, endpoint, path);
    }

    /** Opens a blank tab in the default browser context, as Chromium's PUT /json/new does. */
    Future<JsonNode> openBlankTab(DevToolsEndpoint endpoint) {
        return request(HttpMethod.PUT, endpoint, "/json/new?about:blank");
    }

    /** A WebSocket to a target: the browser ({@code path} from the endpoint) or a page (/devtools/page/ID). */
    Future<WebSocket> connect(DevToolsEndpoint endpoint, String path) {
        return sockets.connect(new WebSocketConnectOptions()
                .setHost(endpoint.host())
                .setPort(endpoint.port())
                .setURI(path)
                // Chromium refuses handshakes with an Origin unless started with --remote-allow-origins, rightly
                .setAllowOriginHeader(false));
    }

    private Future<JsonNode> request(HttpMethod method, DevToolsEndpoint endpoint, String path) {
        return http.request(method, endpoint.port(), endpoint.host(), path)
                .compose(request -> request.send())
                .compose(response -> response.body().compose(body -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture(new IOException("Chromium answered " + path + " with " + response.statusCode()
                                + ": " + body.toString().strip()));
                    }
                    try {
                        return Future.succeededFuture(json.readTree(body.getBytes()));
                    } catch (IOException e) {
                        return Future.failedFuture(e);
                    }
                }));
    }
}
