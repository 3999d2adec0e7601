package io.browserhub.grid;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * One node as the Grid's /status describes it. {@code name} is its {@code browserhub:node} stereotype capability: the
 * name sessions are pinned to, stable across node restarts (the Grid's own node id is new at every start).
 */
public record GridNode(String id, URI uri, String name, String availability, Duration sessionTimeout, int slots,
                       Set<String> sessionIds) {

    /** The stereotype capability that names a node for browserhub; Grid's slot matcher compares it when a request has it. */
    public static final String NAME_CAPABILITY = "browserhub:node";

    public boolean up() {
        return "UP".equalsIgnoreCase(availability);
    }

    public int free() {
        return slots - sessionIds.size();
    }

    /** How messages name it: by its browserhub name, else by its address. */
    public String label() {
        return name != null ? name : uri.toString();
    }
}
