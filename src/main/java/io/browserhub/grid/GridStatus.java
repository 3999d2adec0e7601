package io.browserhub.grid;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The Grid's answer to GET /status: whether it takes sessions, and its nodes with their slots. */
public record GridStatus(boolean ready, String message, List<GridNode> nodes) {

    static GridStatus parse(JsonNode body) {
        JsonNode value = body.path("value");
        List<GridNode> nodes = new ArrayList<>();
        for (JsonNode n : value.path("nodes")) {
            String name = null;
            Set<String> sessions = new LinkedHashSet<>();
            int slots = 0;
            for (JsonNode slot : n.path("slots")) {
                slots++;
                JsonNode own = slot.path("stereotype").path(GridNode.NAME_CAPABILITY);
                if (own.isTextual() && name == null) {
                    name = own.asText();
                }
                String session = slot.path("session").path("sessionId").asText(null);
                if (session != null) {
                    sessions.add(session);
                }
            }
            long timeoutMs = n.path("sessionTimeout").asLong(0);
            nodes.add(new GridNode(n.path("id").asText(), URI.create(n.path("uri").asText("http://unknown")), name,
                    n.path("availability").asText("UNKNOWN"), timeoutMs > 0 ? Duration.ofMillis(timeoutMs) : null, slots,
                    Set.copyOf(sessions)));
        }
        return new GridStatus(value.path("ready").asBoolean(false), value.path("message").asText(""), List.copyOf(nodes));
    }

    /** The node named so by its browserhub:node stereotype capability. */
    public Optional<GridNode> named(String name) {
        return nodes.stream().filter(n -> name.equals(n.name())).findFirst();
    }

    /** The node that runs this Grid session. */
    public Optional<GridNode> running(String sessionId) {
        return nodes.stream().filter(n -> n.sessionIds().contains(sessionId)).findFirst();
    }

    public int slots() {
        return nodes.stream().mapToInt(GridNode::slots).sum();
    }

    public int free() {
        return nodes.stream().filter(GridNode::up).mapToInt(GridNode::free).sum();
    }
}
