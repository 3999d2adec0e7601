package io.browserhub.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.client.Client;
import io.browserhub.command.Dispatcher;
import io.browserhub.live.Notification;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One MCP session (Mcp-Session-Id) as the hub knows it: a client of kind agent named by the host's clientInfo,
 * the browserhub session its browser tools address unless told otherwise, and the dialogs it watches there.
 * Every call runs through the method table as this client, so leases, the activity log and metrics see it as
 * they see a WebSocket client.
 */
final class McpAgent {

    private static final Logger LOG = Logger.getLogger(McpAgent.class);
    /** What the door needs to hear of a session: dialogs that hold its page, and its browser going away. */
    private static final List<String> WATCHED = List.of("page.dialog", "session.state");
    /** How often the lease of an own tab is renewed while the agent works: well within the default 60 s time to live. */
    private static final long RENEW_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(20);

    private final String connectionId;
    private final Client client;
    private final Dispatcher dispatcher;
    private final ObjectMapper json;
    private final DialogWatch dialogs = new DialogWatch();
    /** Sessions this agent has ensured (created or started) itself; forgotten when one disappears. */
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();
    /** Sessions whose dialogs this agent watches. */
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private volatile String defaultSession;
    /** Whether every session gets a tab of this agent's own (?tab=own); else only those opened with ownTab. */
    private final boolean ownTabEverywhere;
    private final Set<String> ownTabSessions = ConcurrentHashMap.newKeySet();
    /** By session: the tab leased to this agent there, and when its lease was last renewed. */
    private final Map<String, String> ownTabs = new ConcurrentHashMap<>();
    private final Map<String, Long> renewedAt = new ConcurrentHashMap<>();

    McpAgent(String connectionId, Client client, String defaultSession, boolean ownTab, Dispatcher dispatcher, ObjectMapper json) {
        this.connectionId = connectionId;
        this.client = client;
        this.defaultSession = defaultSession;
        this.ownTabEverywhere = ownTab;
        this.dispatcher = dispatcher;
        this.json = json;
    }

    String connectionId() {
        return connectionId;
    }

    Client client() {
        return client;
    }

    DialogWatch dialogs() {
        return dialogs;
    }

    /** The session browser tools address without a session argument: ?session= of the endpoint URL, else "default". */
    String defaultSession() {
        return defaultSession;
    }

    /** session_open makes the session it has just ensured the default for the calls that follow. */
    void defaultSession(String session) {
        ensured.add(session);
        defaultSession = session;
    }

    /**
     * The tab browser tools address in a session: the agent's own tab when it works in one there, else null (the
     * session's active tab, shared with everyone driving it).
     */
    String tab(String session) {
        return ownTabs.get(session);
    }

    /** session_open {ownTab: true}: from now on this agent works in a tab of its own in the session. */
    void ownTabIn(String session) {
        ownTabSessions.add(session);
    }

    /** Runs a method of the table as this agent's client; the result as JSON, failures as the hub's exceptions. */
    CompletableFuture<JsonNode> call(String method, ObjectNode params) {
        return dispatcher.dispatch(method, params, client).thenApply(result -> (JsonNode) json.valueToTree(result))
                .toCompletableFuture();
    }

    /**
     * Makes a session ready for browser tools, once: the default session is ensured (created, or started when
     * stopped) on first use, any other must exist already; and its dialogs are watched from then on.
     */
    CompletionStage<Void> prepare(String session) {
        CompletableFuture<JsonNode> ready = session.equals(defaultSession) && !ensured.contains(session)
                ? call("session.ensure", json.createObjectNode().put("id", session)).thenApply(info -> {
                    ensured.add(session);
                    return info;
                })
                : CompletableFuture.completedFuture(null);
        CompletionStage<Void> watching = watched.contains(session) ? ready.thenRun(() -> { }) : ready.thenCompose(x -> {
            ObjectNode subscribe = json.createObjectNode().put("session", session);
            WATCHED.forEach(subscribe.putArray("kinds")::add);
            return call("events.subscribe", subscribe);
        }).thenRun(() -> watched.add(session));
        return watching.thenCompose(x -> ownTab(session));
    }

    /** The session is gone (deleted): the next call prepares it again. */
    void forget(String session) {
        ensured.remove(session);
        watched.remove(session);
        forgetTab(session);
    }

    /** The own tab is gone (closed, or the browser restarted without it): the next call opens another. */
    void forgetTab(String session) {
        ownTabs.remove(session);
        renewedAt.remove(session);
    }

    /**
     * The agent's own tab in the session, opened and leased on first use; its lease is renewed now and then, so that
     * an agent thinking for longer than the lease's time to live comes back to its own tab.
     */
    private CompletionStage<Void> ownTab(String session) {
        if (!ownTabEverywhere && !ownTabSessions.contains(session)) {
            return CompletableFuture.completedFuture(null);
        }
        String tab = ownTabs.get(session);
        if (tab == null) {
            ObjectNode open = json.createObjectNode().put("session", session).put("lease", true);
            return call("tab.new", open).thenAccept(info -> {
                ownTabs.put(session, info.path("id").asText());
                renewedAt.put(session, System.nanoTime());
            });
        }
        if (System.nanoTime() - renewedAt.getOrDefault(session, 0L) < RENEW_NANOS) {
            return CompletableFuture.completedFuture(null);
        }
        return call("control.acquire", json.createObjectNode().put("session", session).put("tab", tab))
                .thenAccept(granted -> renewedAt.put(session, System.nanoTime()))
                .exceptionally(failure -> {
                    forgetTab(session); // closed meanwhile, or someone else holds it now: the next call opens another
                    throw failure instanceof java.util.concurrent.CompletionException c ? c : new java.util.concurrent.CompletionException(failure);
                });
    }

    /** A notification for this client, as the hub hands it to every subscriber: an "event" carries {session, kind, data}. */
    CompletionStage<?> notification(Notification notification) {
        try {
            if ("event".equals(notification.method())) {
                dialogs.event(json.readTree(notification.params()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("MCP client %s: unreadable notification: %s", client, e.getMessage());
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String toString() {
        return client + " over MCP session " + connectionId;
    }
}
