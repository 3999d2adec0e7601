package io.browserhub.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.error.ErrorCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the hub says no, in the form each client reads: a JSON-RPC error on /rpc, the API's JSON error elsewhere,
 * a page for a person's browser, and close code 4401 for a WebSocket without a valid token.
 */
@ApplicationScoped
class Refusals {

    /** WebSocket close code for a missing or wrong token: 4000-4999 are the application's to define. */
    static final short CLOSE_UNAUTHORIZED = 4401;

    private final ObjectMapper json;
    private final AccessToken token;
    private final SignInPage page;

    Refusals(ObjectMapper json, AccessToken token, SignInPage page) {
        this.json = json;
        this.token = token;
        this.page = page;
    }

    void unauthorized(RoutingContext ctx, boolean tokenGiven) {
        String message = (tokenGiven ? "The access token sent is not this hub's token." : "This hub needs its access token.")
                + " Send it as Authorization: Bearer <token>, or as ?token=<token> on the URL. The hub prints a link with it"
                + " when it starts; the token is in " + token.whereToFindIt() + ".";
        if (isWebSocketUpgrade(ctx.request())) {
            closeUpgrade(ctx, message);
        } else if (wantsPage(ctx)) {
            secureHeaders(ctx.response().setStatusCode(401))
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                    .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none';"
                            + " form-action 'none'; frame-ancestors 'none'")
                    .end(page.render(tokenGiven, token.whereToFindIt()));
        } else {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"browserhub\"");
            error(ctx, 401, ErrorCode.UNAUTHORIZED, message);
        }
    }

    void forbidden(RoutingContext ctx, String message) {
        error(ctx, 403, ErrorCode.UNAUTHORIZED, message);
    }

    void tooLarge(RoutingContext ctx, String message) {
        HttpServerResponse response = ctx.response();
        // the unread body would otherwise be parsed as the next request on this connection
        response.putHeader(HttpHeaders.CONNECTION, "close");
        response.endHandler(done -> ctx.request().connection().close());
        error(ctx, 413, ErrorCode.LIMIT_REACHED, message);
    }

    void starting(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        error(ctx, 503, ErrorCode.UNAUTHORIZED, "The hub is still starting; try again in a second.");
    }

    static boolean isWebSocketUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        return request.method() == HttpMethod.GET && upgrade != null && upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket");
    }

    /** The WebSocket opens and closes at once with 4401, so browsers' scripts learn why; no frame is ever read from it. */
    private void closeUpgrade(RoutingContext ctx, String message) {
        ctx.request().toWebSocket().onComplete(upgraded -> {
            if (upgraded.succeeded()) {
                upgraded.result().close(CLOSE_UNAUTHORIZED, "Unauthorized: missing or wrong access token");
            } else if (!ctx.response().ended()) {
                error(ctx, 401, ErrorCode.UNAUTHORIZED, message);
            }
        });
    }

    private static boolean wantsPage(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD)
                && accept != null && accept.contains("text/html")
                && !isRpc(ctx) && !ctx.normalizedPath().startsWith("/api/") && !isCdp(ctx);
    }

    /** The CDP door (/cdp/{session}/json/..., its WebSockets): programs that read JSON, even with ?token= on the URL. */
    static boolean isCdp(RoutingContext ctx) {
        return ctx.normalizedPath().startsWith("/cdp/");
    }

    private static boolean isRpc(RoutingContext ctx) {
        return ctx.normalizedPath().equals("/rpc");
    }

    private void error(RoutingContext ctx, int status, ErrorCode code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.code());
        error.put("message", message);
        error.put("data", Map.of("kind", code.name()));
        Map<String, Object> body = new LinkedHashMap<>();
        if (isRpc(ctx)) {
            body.put("jsonrpc", "2.0");
            body.put("error", error);
            body.put("id", null);
        } else {
            body.put("error", error);
        }
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a refusal", e);
        }
        secureHeaders(ctx.response().setStatusCode(status))
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(text);
    }

    static HttpServerResponse secureHeaders(HttpServerResponse response) {
        return response
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
    }
}
