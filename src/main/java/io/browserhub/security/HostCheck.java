package io.browserhub.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The DNS-rebinding defence: a page on attacker.example whose name was re-pointed at 127.0.0.1 still sends
 * {@code Host: attacker.example}, so the hub answers only to the names it is known by.
 */
final class HostCheck {

    private final Set<String> allowed = new HashSet<>(Set.of("localhost", "127.0.0.1", "[::1]"));

    /** {@code configured}: browserhub.auth.allowed-hosts; {@code bindHost}: quarkus.http.host, an address clients may use as is. */
    HostCheck(Collection<String> configured, String bindHost) {
        configured.forEach(name -> allowed.add(normalize(name)));
        if (!bindHost.isBlank() && !bindHost.equals("0.0.0.0") && !bindHost.equals("::") && !bindHost.equals("[::]")) {
            allowed.add(normalize(bindHost));
        }
    }

    /** Whether a Host header names this hub (any port). */
    boolean allows(String hostHeader) {
        String name = nameOf(hostHeader);
        return name != null && allowed.contains(name);
    }

    /** The host name of a Host header without its port, lower case; null when the header is missing or malformed. */
    static String nameOf(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return null;
        }
        String h = hostHeader.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0 || !validPort(h.substring(end + 1))) {
                return null;
            }
            return h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        if (colon < 0) {
            return h;
        }
        return validPort(h.substring(colon)) ? h.substring(0, colon) : null;
    }

    private static boolean validPort(String rest) {
        return rest.isEmpty() || rest.matches(":[0-9]{1,5}");
    }

    private static String normalize(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.contains(":") && !n.startsWith("[") ? "[" + n + "]" : n;
    }
}
