package io.browserhub.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which web pages may talk to the hub from a browser: the hub's own origin and the configured ones. Browsers
 * always send Origin on WebSocket handshakes and cross-origin writes, so a page elsewhere cannot drive the hub.
 */
final class OriginCheck {

    private static final List<String> LOOPBACK_NAMES = List.of("127.0.0.1", "localhost", "[::1]");

    private final Set<String> configured = new HashSet<>();

    /** {@code configured}: browserhub.auth.allowed-origins, e.g. https://my-tool.example. */
    OriginCheck(Collection<String> configured) {
        configured.forEach(origin -> this.configured.add(normalize(origin)));
    }

    /**
     * @param scheme     http or https, as the request arrived
     * @param hostHeader the request's Host, already accepted by {@link HostCheck}
     * @param localPort  the port the hub accepted the connection on
     */
    boolean allows(String origin, String scheme, String hostHeader, int localPort) {
        String o = normalize(origin);
        if (configured.contains(o)) {
            return true;
        }
        // same origin as the address the client used for this very request
        if (hostHeader != null && o.equals(scheme + "://" + hostHeader.toLowerCase(Locale.ROOT))) {
            return true;
        }
        boolean defaultPort = scheme.equals("http") ? localPort == 80 : localPort == 443;
        for (String name : LOOPBACK_NAMES) {
            if (o.equals(scheme + "://" + name + ":" + localPort) || (defaultPort && o.equals(scheme + "://" + name))) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
