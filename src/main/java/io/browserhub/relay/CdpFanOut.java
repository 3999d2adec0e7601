package io.browserhub.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The relay's CDP clients of one browser, and how the events of its tabs reach them. Chromium would give every client
 * a debugger session of its own; the extension API gives one per tab, shared by all. So an event goes to the client
 * sessions that used its domain; a disable is only sent when no other session still needs the domain; and since
 * Chromium tells what it already has (the execution contexts of Runtime.enable, the frames and workers of
 * Target.setAutoAttach) only to the first session that enables a domain, the relay remembers both and tells every
 * later one itself. Link event loop only.
 */
final class CdpFanOut {

    private final BrowserLink link;
    private final List<RelayClient> clients = new ArrayList<>();
    /** Per tab (or frame): its live execution contexts, as Runtime.executionContextCreated described them. */
    private final Map<String, Map<Integer, JsonNode>> contexts = new HashMap<>();
    /** Per tab (or frame): the frames and workers attached under it, as Target.attachedToTarget described them. */
    private final Map<String, Map<String, ObjectNode>> attached = new HashMap<>();

    CdpFanOut(BrowserLink link) {
        this.link = link;
    }

    BrowserLink link() {
        return link;
    }

    void join(RelayClient client) {
        clients.add(client);
    }

    void leave(RelayClient client) {
        clients.remove(client);
    }

    List<RelayClient> clients() {
        return List.copyOf(clients);
    }

    /**
     * A command of a tab's (or frame's) session, sent to the extension. When another session already enabled Runtime or
     * auto-attach there, Chromium tells this one nothing new, so the relay does, before the answer, as Chromium would.
     */
    CompletableFuture<JsonNode> forward(ClientSession session, String method, JsonNode params) {
        boolean contextsKnown = method.equals("Runtime.enable") && enabledByOthers(session, "Runtime");
        boolean childrenKnown = method.equals("Target.setAutoAttach") && params.path("autoAttach").asBoolean(false)
                && enabledByOthers(session, "Target");
        CompletableFuture<JsonNode> sent = link.send(session.tab, session.child, method, params);
        if (!contextsKnown && !childrenKnown) {
            return sent;
        }
        String key = key(session.tab, session.child);
        return sent.thenApply(result -> {
            if (contextsKnown) {
                for (JsonNode context : List.copyOf(contexts.getOrDefault(key, Map.of()).values())) {
                    ObjectNode event = session.client.json().createObjectNode();
                    event.set("context", context);
                    session.client.deliverTo(session, "Runtime.executionContextCreated", event);
                }
            }
            if (childrenKnown) {
                for (ObjectNode child : List.copyOf(attached.getOrDefault(key, Map.of()).values())) {
                    session.client.deliverTo(session, "Target.attachedToTarget", child.deepCopy().put("waitingForDebugger", false));
                }
            }
            return result;
        });
    }

    /** Whether another session on the same tab (or frame) enabled this domain. */
    boolean enabledByOthers(ClientSession session, String domain) {
        for (RelayClient c : clients) {
            for (ClientSession other : c.sessions()) {
                if (other != session && other.on(session.tab, session.child) && other.enabled(domain)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether another session casts this tab: then a stopScreencast is answered, not sent. */
    boolean castByOthers(ClientSession session) {
        for (RelayClient c : clients) {
            for (ClientSession other : c.sessions()) {
                if (other != session && other.on(session.tab, session.child) && other.casting) {
                    return true;
                }
            }
        }
        return false;
    }

    void event(SharedTab tab, String child, String method, ObjectNode params) {
        remember(key(tab, child), tab, method, params);
        for (RelayClient c : clients()) {
            c.deliver(tab, child, method, params);
        }
    }

    /** What a later session would have been told when it enabled the domain. */
    private void remember(String key, SharedTab tab, String method, ObjectNode params) {
        switch (method) {
            case "Runtime.executionContextCreated" -> contexts.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .put(params.path("context").path("id").asInt(), params.path("context"));
            case "Runtime.executionContextDestroyed" -> contexts.getOrDefault(key, new HashMap<>())
                    .remove(params.path("executionContextId").asInt());
            case "Runtime.executionContextsCleared" -> contexts.remove(key);
            case "Target.attachedToTarget" -> {
                String id = params.path("sessionId").asText("");
                attached.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(id, params);
            }
            case "Target.detachedFromTarget" -> {
                String id = params.path("sessionId").asText("");
                attached.getOrDefault(key, new HashMap<>()).remove(id);
                forgetDebuggee(tab.id() + "/" + id);
            }
            default -> {
                // nothing to remember
            }
        }
    }

    void tabAttached(SharedTab tab) {
        clients().forEach(c -> c.tabAttached(tab));
    }

    /** Called while the tab still knows its target. */
    void tabDetached(SharedTab tab) {
        forgetDebuggee(tab.id() + "/");
        clients().forEach(c -> c.tabDetached(tab));
    }

    void tabChanged(SharedTab tab) {
        clients().forEach(c -> c.tabChanged(tab));
    }

    /** The session stopped: every client is closed with this reason. */
    void closeAll(short code, String reason) {
        clients().forEach(c -> c.close(code, reason));
    }

    private void forgetDebuggee(String prefix) {
        contexts.keySet().removeIf(k -> k.startsWith(prefix));
        attached.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private static String key(SharedTab tab, String child) {
        return tab.id() + "/" + (child == null ? "" : child);
    }
}
