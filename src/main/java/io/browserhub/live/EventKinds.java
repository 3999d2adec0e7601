package io.browserhub.live;

import io.browserhub.error.HubException;
import java.util.List;

/**
 * Which event kinds a subscriber wants. A kind given to events.subscribe matches itself and every kind
 * under it: "page.dialog" also brings "page.dialog.closed", "network" brings all three network kinds.
 * Without kinds a subscriber gets everything except network traffic, which must be asked for by name
 * because listening to it costs the browser work.
 */
public record EventKinds(List<String> prefixes) {

    /** Every kind the hub emits. */
    public static final List<String> KNOWN = List.of(
            "session.state", "control.changed", "command",
            "page.navigated", "page.load", "page.console", "page.error",
            "page.dialog", "page.dialog.closed",
            "page.download", "page.download.saved", "page.download.failed",
            "tab.opened", "tab.closed",
            "network.request", "network.response", "network.failed");

    private static final String NETWORK = "network";

    public static EventKinds all() {
        return new EventKinds(List.of());
    }

    /** INVALID_PARAMS for a kind that names nothing the hub emits. */
    public static EventKinds of(List<String> kinds) {
        for (String kind : kinds) {
            if (KNOWN.stream().noneMatch(known -> under(known, kind))) {
                throw HubException.invalidParams("Unknown event kind \"" + kind + "\"; kinds are " + KNOWN
                        + " (a prefix such as \"page\" or \"network\" takes every kind under it).");
            }
        }
        return new EventKinds(List.copyOf(kinds));
    }

    public boolean matches(String kind) {
        if (prefixes.isEmpty()) {
            return !under(kind, NETWORK);
        }
        for (String prefix : prefixes) {
            if (under(kind, prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some kind under {@code kind} (or above it) would be delivered. */
    public boolean overlaps(String kind) {
        if (prefixes.isEmpty()) {
            return !under(kind, NETWORK);
        }
        for (String prefix : prefixes) {
            if (under(kind, prefix) || under(prefix, kind)) {
                return true;
            }
        }
        return false;
    }

    private static boolean under(String kind, String prefix) {
        return kind.equals(prefix) || kind.startsWith(prefix + ".");
    }
}
