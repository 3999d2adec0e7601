package io.browserhub.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the printed link ({@code /?token=...}) into the dashboard's cookie: HttpOnly (page scripts cannot read
 * it), SameSite=Strict (other sites' pages do not send it), then a 303 to the same URL without the token, so the
 * token stays out of the address bar, the history and Referer headers.
 */
final class DashboardSignIn {

    private DashboardSignIn() {
    }

    /** Cookies do not keep ports apart, so two hubs on one machine need two names. */
    static String cookieName(int port) {
        return "browserhub-" + port;
    }

    static void signIn(RoutingContext ctx, String token, int port) {
        Cookie cookie = Cookie.cookie(cookieName(port), token)
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(ctx.request().isSSL());
        ctx.response()
                .setStatusCode(303)
                .addCookie(cookie)
                .putHeader(HttpHeaders.LOCATION, cleanLocation(ctx.request().path(), ctx.request().query()))
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("Referrer-Policy", "no-referrer")
                .end();
    }

    /** The path and query without any token parameter; a path-only location, so it can never point at another host. */
    static String cleanLocation(String path, String query) {
        String location = "/" + (path == null ? "" : path.replaceFirst("^/+", ""));
        if (query == null || query.isEmpty()) {
            return location;
        }
        List<String> kept = new ArrayList<>();
        for (String part : query.split("&")) {
            if (!part.isEmpty() && !isToken(part)) {
                kept.add(part);
            }
        }
        return kept.isEmpty() ? location : location + "?" + String.join("&", kept);
    }

    private static boolean isToken(String parameter) {
        String name = parameter.split("=", 2)[0];
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8).equals("token");
        } catch (IllegalArgumentException malformed) {
            return true; // cannot tell: drop it rather than risk keeping a token
        }
    }
}
