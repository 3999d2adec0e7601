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
 * a page for a person's browser; for a WebSocket without a valid token, HTTP 401 to programs and close code 4401
 * to browsers (whose scripts cannot read a refused handshake).
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
        if (isWebSocketUpgrade(ctx.request()) && ctx.request().getHeader(HttpHeaders.ORIGIN) != null) {
            // a browser: its scripts never see a refused handshake's status, only a close code
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

    /** A valid dashboard cookie on a request that did not come from the hub's own pages (see {@link CookieUse}). */
    void cookieFromElsewhere(RoutingContext ctx, String how) {
        error(ctx, 403, ErrorCode.UNAUTHORIZED, "The dashboard's sign-in cookie is accepted only on requests from the hub's own"
                + " pages, and this one did not show that (" + how + "). Open the dashboard at its own address; programs send"
                + " the token as Authorization: Bearer <token>.");
    }

    void badRequest(RoutingContext ctx, String message) {
        error(ctx, 400, ErrorCode.INVALID_REQUEST, message);
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

    /**
     * A browser's WebSocket opens and closes at once with 4401 and a reason that says where the token is, so its
     * scripts learn why; no frame is ever read from it. Programs (no Origin) get HTTP 401 with the same sentence.
     */
    private void closeUpgrade(RoutingContext ctx, String message) {
        LingeringClose.install(ctx.request());
        String reason = closeReason(token.whereToFindIt());
        ctx.request().toWebSocket().onComplete(upgraded -> {
            if (upgraded.succeeded()) {
                upgraded.result().close(CLOSE_UNAUTHORIZED, reason);
            } else if (!ctx.response().ended()) {
                error(ctx, 401, ErrorCode.UNAUTHORIZED, message);
            }
        });
    }

    /** "Unauthorized: the token is in FILE", cut from the left to the 123 bytes a close frame's reason may have. */
    static String closeReason(String where) {
        String head = "Unauthorized: missing or wrong token; see ";
        String text = head + where;
        int max = 123;
        if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= max) {
            return text;
        }
        String tail = where;
        while ((head + "..." + tail).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > max && tail.length() > 1) {
            tail = tail.substring(1);
        }
        return head + "..." + tail;
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
