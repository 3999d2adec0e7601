package io.browserhub.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * One CDP client of the relay's DevTools server: the hub's own Playwright connection to a person's browser, or a
 * client of the CDP door. It sees a browser whose page targets are the shared tabs: the browser-level methods are
 * answered here ({@link BrowserTarget}), commands to tabs go through the extension's debugger session of the tab,
 * and events come back through {@link CdpFanOut}. Everything but reading the socket runs on the link's event loop.
 */
final class RelayClient {

    private static final Logger LOG = Logger.getLogger(RelayClient.class);

    /** Target methods that are about the browser's targets, whichever session sends them. */
    private static final Set<String> BROWSER_TARGET = Set.of("Target.createTarget", "Target.closeTarget", "Target.activateTarget",
            "Target.getTargets", "Target.attachToTarget", "Target.attachToBrowserTarget", "Target.setDiscoverTargets",
            "Target.getBrowserContexts");
    /** Methods that reach beyond the shared tabs: every site's cookies and storage, the machine. */
    private static final Set<String> BEYOND_THE_TABS = Set.of("Network.getAllCookies", "Network.clearBrowserCookies",
            "Network.clearBrowserCache");

    private final CdpFanOut fanOut;
    private final ServerWebSocket socket;
    private final ObjectMapper json;
    private final String name;
    private final Map<String, ClientSession> sessions = new LinkedHashMap<>();
    private long nextSession;
    private boolean closed;

    /**
     * @param pageTarget null for a browser-level connection; else the target id of the tab this connection is to
     * @param name       who this is, for logs ("hub" for the hub's own connection)
     */
    private RelayClient(CdpFanOut fanOut, ServerWebSocket socket, ObjectMapper json, String name) {
        this.fanOut = fanOut;
        this.socket = socket;
        this.json = json;
        this.name = name;
    }

    /** Opens a client on a socket; for a page connection, fails with CdpError when no shared tab has that target. */
    static RelayClient open(BrowserLink link, ServerWebSocket socket, ObjectMapper json, String name, String pageTarget) {
        RelayClient client = new RelayClient(link.fanOut(), socket, json, name);
        if (pageTarget == null) {
            client.sessions.put("", new ClientSession("", ClientSession.Kind.BROWSER, client, null, null, null));
        } else {
            SharedTab tab = link.tabByTarget(pageTarget);
            if (tab == null) {
                throw new CdpError(CdpError.SERVER_ERROR, "No shared tab has the target " + pageTarget);
            }
            client.sessions.put("", new ClientSession("", ClientSession.Kind.TAB, client, tab, null, null));
        }
        link.fanOut().join(client);
        socket.textMessageHandler(text -> link.run(() -> client.received(text)));
        socket.binaryMessageHandler(b -> link.run(() -> client.close((short) 1003, "CDP is text")));
        socket.closeHandler(v -> link.run(client::ended));
        socket.exceptionHandler(e -> link.run(client::ended));
        return client;
    }

    String name() {
        return name;
    }

    BrowserLink link() {
        return fanOut.link();
    }

    Collection<ClientSession> sessions() {
        return sessions.values();
    }

    void close(short code, String reason) {
        if (!socket.isClosed()) {
            socket.close(code, reason);
        }
        ended();
    }

    // ---- from the client ----

    private void received(String text) {
        if (closed) {
            return;
        }
        ObjectNode message;
        try {
            message = (ObjectNode) json.readTree(text);
        } catch (IOException | ClassCastException e) {
            close((short) 1007, "Not a CDP message");
            return;
        }
        long id = message.path("id").asLong(-1);
        String method = message.path("method").asText("");
        String sessionId = message.path("sessionId").asText("");
        ObjectNode params = message.path("params") instanceof ObjectNode p ? p : json.createObjectNode();
        ClientSession session = sessions.get(sessionId);
        CompletionStage<JsonNode> answer;
        try {
            if (session == null) {
                throw new CdpError(CdpError.SESSION_NOT_FOUND, "Session with given id not found.");
            }
            answer = session.kind == ClientSession.Kind.BROWSER || method.startsWith("Browser.") || BROWSER_TARGET.contains(method)
                    ? BrowserTarget.handle(this, session, method, params)
                    : onTab(session, method, params);
        } catch (CdpError e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((result, failure) -> link().run(() -> reply(id, sessionId, result, failure)));
    }

    /** A command to a tab's session, or a frame's or worker's in it. */
    private CompletionStage<JsonNode> onTab(ClientSession session, String method, ObjectNode params) {
        if (method.equals("Target.getTargetInfo") && session.kind == ClientSession.Kind.TAB && !params.has("targetId")) {
            return done(json.createObjectNode().set("targetInfo", session.tab.targetInfo()));
        }
        if (method.equals("Target.detachFromTarget")) {
            return detachChild(session, params.path("sessionId").asText(""));
        }
        if (BEYOND_THE_TABS.contains(method) || method.startsWith("Storage.") || method.startsWith("SystemInfo.")
                || (method.startsWith("Target.") && !method.equals("Target.setAutoAttach") && !method.equals("Target.getTargetInfo"))) {
            throw new CdpError(CdpError.SERVER_ERROR, "browserhub: " + method + " is not available through the extension relay:"
                    + " it would reach beyond the tabs the person shares.");
        }
        if (method.equals("Network.getCookies") && !sameSite(session.tab, params.path("urls"))) {
            throw new CdpError(CdpError.SERVER_ERROR, "browserhub: Network.getCookies through the extension relay reads the cookies"
                    + " of the tab's own site only (" + session.tab.url() + "); leave out urls, or name that site's pages.");
        }
        String domain = ClientSession.domainOf(method);
        boolean autoAttach = method.equals("Target.setAutoAttach") && params.path("autoAttach").asBoolean(false);
        if (method.endsWith(".disable") || (method.equals("Target.setAutoAttach") && !autoAttach)) {
            session.stopsUsing(domain);
            if (fanOut.enabledByOthers(session, domain)) {
                return done(json.createObjectNode()); // the others still need it: this session just stops hearing it
            }
        } else if (method.endsWith(".enable") || autoAttach) {
            session.enables(domain);
        } else {
            session.uses(domain);
        }
        if (method.equals("Page.stopScreencast")) {
            session.casting = false;
            if (fanOut.castByOthers(session)) {
                return done(json.createObjectNode());
            }
        } else if (method.equals("Page.startScreencast")) {
            session.casting = true;
        }
        return fanOut.forward(session, method, params);
    }

    /** No urls (the page's own), or only URLs of the tab's own origin. */
    private static boolean sameSite(SharedTab tab, JsonNode urls) {
        if (!urls.isArray()) {
            return true;
        }
        String origin = origin(tab.url());
        for (JsonNode url : urls) {
            if (origin == null || !origin.equals(origin(url.asText("")))) {
                return false;
            }
        }
        return true;
    }

    private static String origin(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            return uri.getScheme() == null || uri.getHost() == null ? null : uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Detaching from a frame or worker: Chromium's session stays while another client still has it. */
    private CompletionStage<JsonNode> detachChild(ClientSession session, String childId) {
        ClientSession child = sessions.get(childId);
        if (child == null || child.kind != ClientSession.Kind.CHILD) {
            throw new CdpError(CdpError.SERVER_ERROR, "No session with given id");
        }
        boolean shared = fanOut.clients().stream().anyMatch(c -> c != this && c.sessions.containsKey(childId));
        forget(child);
        emit(child.parent, "Target.detachedFromTarget", json.createObjectNode().put("sessionId", childId));
        if (shared) {
            return done(json.createObjectNode());
        }
        return fanOut.link().send(session.tab, session.child, "Target.detachFromTarget", json.createObjectNode().put("sessionId", childId));
    }

    private void reply(long id, String sessionId, JsonNode result, Throwable failure) {
        if (closed || id < 0) {
            return;
        }
        ObjectNode message = json.createObjectNode().put("id", id);
        if (failure != null) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            CdpError error = cause instanceof CdpError e ? e : new CdpError(CdpError.SERVER_ERROR, String.valueOf(cause.getMessage()));
            message.putObject("error").put("code", error.code()).put("message", error.getMessage());
        } else {
            message.set("result", result == null || result.isNull() ? json.createObjectNode() : result);
        }
        if (!sessionId.isEmpty()) {
            message.put("sessionId", sessionId);
        }
        write(message);
    }

    // ---- to the client ----

    /** An event of a tab (or a frame of it) for every session of this client on it that hears it. */
    void deliver(SharedTab tab, String child, String method, ObjectNode params) {
        for (ClientSession s : List.copyOf(sessions.values())) {
            if (s.on(tab, child) && s.hears(method)) {
                deliverTo(s, method, params);
            }
        }
    }

    /** An event for one session; frames and workers it attaches to become sessions of this client. */
    void deliverTo(ClientSession session, String method, ObjectNode params) {
        if (method.equals("Target.attachedToTarget")) {
            String childId = params.path("sessionId").asText("");
            if (sessions.containsKey(childId)) {
                return; // told already (by Chromium, and by the relay to a later session)
            }
            if (!childId.isEmpty()) {
                sessions.put(childId, new ClientSession(childId, ClientSession.Kind.CHILD, this, session.tab, childId, session));
            }
        }
        emit(session, method, params);
        if (method.equals("Target.detachedFromTarget")) {
            ClientSession child = sessions.get(params.path("sessionId").asText(""));
            if (child != null && child.kind == ClientSession.Kind.CHILD) {
                forget(child);
            }
        }
    }

    /** A new shared tab: every auto-attaching browser session gets a session on it, and discovering ones hear of it. */
    void tabAttached(SharedTab tab) {
        for (ClientSession s : List.copyOf(sessions.values())) {
            if (s.kind == ClientSession.Kind.BROWSER && s.discover) {
                emit(s, "Target.targetCreated", targetInfoEvent(tab));
            }
            if (s.kind == ClientSession.Kind.BROWSER && s.autoAttach) {
                attachTab(s, tab);
            }
        }
    }

    /** A tab no longer shared, closed, or the session stopped: its sessions end, a page connection to it closes. */
    void tabDetached(SharedTab tab) {
        String targetId = tab.targetId();
        ClientSession root = sessions.get("");
        if (root != null && root.tab == tab) {
            close((short) 1001, "The tab is no longer shared with the hub");
            return;
        }
        for (ClientSession s : List.copyOf(sessions.values())) {
            if (s.tab == tab && s.kind == ClientSession.Kind.TAB) {
                forget(s);
                emit(s.parent, "Target.detachedFromTarget", json.createObjectNode().put("sessionId", s.id).put("targetId", targetId));
            }
        }
        for (ClientSession s : List.copyOf(sessions.values())) {
            if (s.kind == ClientSession.Kind.BROWSER && s.discover) {
                emit(s, "Target.targetDestroyed", json.createObjectNode().put("targetId", targetId));
            }
        }
    }

    void tabChanged(SharedTab tab) {
        for (ClientSession s : List.copyOf(sessions.values())) {
            if (s.kind == ClientSession.Kind.BROWSER && s.discover) {
                emit(s, "Target.targetInfoChanged", targetInfoEvent(tab));
            }
        }
    }

    /** A session of this client on a tab, announced to {@code parent} as Chromium announces an attach. */
    ClientSession attachTab(ClientSession parent, SharedTab tab) {
        String id = "relay-" + tab.id() + "-" + (++nextSession);
        ClientSession session = new ClientSession(id, ClientSession.Kind.TAB, this, tab, null, parent);
        sessions.put(id, session);
        ObjectNode event = json.createObjectNode().put("sessionId", id);
        event.set("targetInfo", tab.targetInfo());
        event.put("waitingForDebugger", false);
        emit(parent, "Target.attachedToTarget", event);
        return session;
    }

    /** A browser session of this client (Target.attachToBrowserTarget). */
    ClientSession browserSession() {
        String id = "relay-browser-" + (++nextSession);
        ClientSession session = new ClientSession(id, ClientSession.Kind.BROWSER, this, null, null, sessions.get(""));
        sessions.put(id, session);
        return session;
    }

    ClientSession session(String id) {
        return sessions.get(id);
    }

    /** Ends a session and the frames and workers under it. */
    void forget(ClientSession session) {
        sessions.remove(session.id);
        for (ClientSession s : List.copyOf(sessions.values())) {
            if (s.parent == session) {
                forget(s);
            }
        }
    }

    void emit(ClientSession session, String method, ObjectNode params) {
        if (session == null || closed) {
            return;
        }
        ObjectNode message = json.createObjectNode().put("method", method);
        message.set("params", params);
        if (!session.id.isEmpty()) {
            message.put("sessionId", session.id);
        }
        write(message);
    }

    ObjectNode targetInfoEvent(SharedTab tab) {
        return json.createObjectNode().set("targetInfo", tab.targetInfo());
    }

    ObjectMapper json() {
        return json;
    }

    CompletionStage<JsonNode> done(JsonNode result) {
        return CompletableFuture.completedFuture(result);
    }

    private void write(ObjectNode message) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(message.toString());
        }
    }

    private void ended() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.debugf("Relay client %s of session %s ended", name, link().session());
        fanOut.leave(this);
        sessions.clear();
    }
}
