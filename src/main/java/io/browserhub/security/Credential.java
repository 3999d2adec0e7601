package io.browserhub.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/**
 * The token a request presents, and how. The first of these that is present decides, so a wrong explicit
 * token is refused even when a valid dashboard cookie comes along: Authorization header, ?token=, cookie.
 */
record Credential(Source source, String value) {

    enum Source { HEADER, QUERY, COOKIE, NONE }

    static Credential of(HttpServerRequest request, String cookieName) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            boolean bearer = authorization.length() > 7 && authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ");
            return new Credential(Source.HEADER, bearer ? authorization.substring(7).strip() : null);
        }
        String query = request.getParam("token");
        if (query != null) {
            return new Credential(Source.QUERY, query);
        }
        Cookie cookie = request.getCookie(cookieName);
        if (cookie != null) {
            return new Credential(Source.COOKIE, cookie.getValue());
        }
        return new Credential(Source.NONE, null);
    }
}
