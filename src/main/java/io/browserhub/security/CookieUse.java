package io.browserhub.security;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * When the dashboard cookie may stand for the token. SameSite=Strict keeps other sites from sending it, but
 * "same site" includes every other port of 127.0.0.1 (any local dev server), and an image or script load
 * carries no Origin. So a cookie request must also show it comes from the hub's own pages:
 * <ul>
 *   <li>an Origin that passed the Origin check (the hub's own, or one configured), or</li>
 *   <li>{@code Sec-Fetch-Site: same-origin} (browsers send it on every request since 2020-2023), or</li>
 *   <li>{@code Sec-Fetch-Site: none} on a top-level page visit: the person typed the address or used a bookmark.</li>
 * </ul>
 * Anything else (a same-site page's {@code <img>}, {@code <script>}, link or form; a browser too old to say
 * where a request comes from) is refused; the token in a header still works for programs.
 */
final class CookieUse {

    private CookieUse() {
    }

    static boolean fromTheHubsOwnPages(HttpServerRequest request, boolean checkedOrigin) {
        if (checkedOrigin) {
            return true;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if ("same-origin".equals(site)) {
            return true;
        }
        return "none".equals(site) && isPersonsNavigation(request);
    }

    /** A top-level GET navigation the person started: no page chose to send it. */
    private static boolean isPersonsNavigation(HttpServerRequest request) {
        return (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD)
                && "navigate".equals(request.getHeader("Sec-Fetch-Mode"))
                && !Refusals.isWebSocketUpgrade(request);
    }

    /** What the request said about where it came from, for the refusal. */
    static String describe(HttpServerRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        return site == null ? "it says neither where it comes from (no Origin, no Sec-Fetch-Site)" : "Sec-Fetch-Site: " + site;
    }
}
