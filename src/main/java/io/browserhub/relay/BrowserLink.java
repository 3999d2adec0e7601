package io.browserhub.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * One person's browser, connected through the browserhub extension as the session it was paired as: the tabs they
 * share (the extension tells; the hub never learns of other tabs), calls to the extension, and the CDP events of the
 * attached tabs, which {@link CdpFanOut} hands to the relay's CDP clients. While the session runs ({@link #activate})
 * every shared tab is attached; when it stops, they are detached and stay open. Everything runs on the socket's
 * event loop: methods called from elsewhere hop onto it.
 */
public final class BrowserLink {

    private static final Logger LOG = Logger.getLogger(BrowserLink.class);

    private final String session;
    private final ExtensionSocket socket;
    private final String userAgent;
    private final String version;
    private final Instant connectedAt = Instant.now();
    private final Map<Integer, SharedTab> tabs = new LinkedHashMap<>();
    private final CdpFanOut fanOut;
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private volatile List<TabView> tabViews = List.of();
    private volatile boolean autoShare;
    private boolean active;

    /** A shared tab as status pages show it; any thread. */
    public record TabView(int id, String url, String title, boolean attached) {
    }

    BrowserLink(String session, ExtensionSocket socket, ObjectNode hello) {
        this.session = session;
        this.socket = socket;
        this.userAgent = hello.path("userAgent").asText("");
        this.version = hello.path("version").asText("");
        this.fanOut = new CdpFanOut(this);
        tabsReported(hello);
    }

    public String session() {
        return session;
    }

    public String userAgent() {
        return userAgent;
    }

    /** The extension's version. */
    public String version() {
        return version;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    public List<TabView> sharedTabs() {
        return tabViews;
    }

    public boolean autoShare() {
        return autoShare;
    }

    /** Completes with the reason when the extension disconnects. */
    public CompletableFuture<String> ended() {
        return ended;
    }

    public boolean connected() {
        return !ended.isDone();
    }

    Context context() {
        return socket.context();
    }

    CdpFanOut fanOut() {
        return fanOut;
    }

    /** Runs on the link's event loop. */
    void run(Runnable task) {
        socket.run(task);
    }

    // ---- the session's life ----

    /** The session starts: attaches every shared tab; completes once each attach succeeded or failed. */
    public CompletableFuture<Void> activate() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        run(() -> {
            active = true;
            List<CompletableFuture<?>> attaches = new ArrayList<>();
            tabs.values().forEach(tab -> attaches.add(attach(tab)));
            CompletableFuture.allOf(attaches.toArray(CompletableFuture[]::new)).whenComplete((r, e) -> done.complete(null));
        });
        return done;
    }

    /**
     * The session stops: its CDP clients lose the tabs, which are detached and stay open, as the person left them.
     * Completes once the extension answered every detach (or failed to: a closed tab, a gone connection).
     */
    public CompletableFuture<Void> deactivate() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        run(() -> {
            active = false;
            List<CompletableFuture<?>> detaches = new ArrayList<>();
            for (SharedTab tab : tabs.values()) {
                if (tab.attached()) {
                    fanOut.tabDetached(tab);
                    tab.detached();
                    detaches.add(socket.call("detach", tabField(tab.id())));
                }
            }
            publish();
            CompletableFuture.allOf(detaches.toArray(CompletableFuture[]::new)).whenComplete((r, e) -> done.complete(null));
        });
        return done;
    }

    /** Closes the connection to the extension (a pairing revoked, or replaced by a newer connection). */
    void close(short code, String reason) {
        run(() -> socket.close(code, reason));
    }

    // ---- calls to the extension, on the event loop ----

    /** A CDP command to a tab, or to a frame or worker in it ({@code child}, a flat session of Chromium's). */
    CompletableFuture<JsonNode> send(SharedTab tab, String child, String method, JsonNode params) {
        ObjectNode fields = tabField(tab.id()).put("method", method);
        fields.put("session", child);
        fields.set("params", params == null || params.isNull() ? socket.json().createObjectNode() : params);
        return socket.call("send", fields);
    }

    /** Opens a tab in the person's browser (shared at once, in a window with shared tabs) and attaches to it. */
    CompletableFuture<SharedTab> open(String url) {
        ObjectNode fields = socket.json().createObjectNode().put("url", url == null || url.isEmpty() ? "about:blank" : url);
        return socket.call("open", fields).thenCompose(described -> {
            SharedTab tab = tabs.computeIfAbsent(described.path("id").asInt(), SharedTab::new);
            tab.update(described);
            return attach(tab).thenApply(x -> tab);
        });
    }

    CompletableFuture<JsonNode> close(SharedTab tab) {
        return socket.call("close", tabField(tab.id()));
    }

    CompletableFuture<JsonNode> activate(SharedTab tab) {
        return socket.call("activate", tabField(tab.id()));
    }

    /** The attached tabs, in the order they were shared. */
    List<SharedTab> attachedTabs() {
        return tabs.values().stream().filter(SharedTab::attached).toList();
    }

    SharedTab tabByTarget(String targetId) {
        for (SharedTab tab : tabs.values()) {
            if (targetId != null && targetId.equals(tab.targetId())) {
                return tab;
            }
        }
        return null;
    }

    private CompletableFuture<Void> attach(SharedTab tab) {
        if (!active || tab.attached() || tab.attaching()) {
            return CompletableFuture.completedFuture(null);
        }
        tab.attaching(true);
        return socket.call("attach", tabField(tab.id())).handle((result, failure) -> {
            tab.attaching(false);
            if (failure != null) {
                // a chrome:// page, or DevTools already attached: tried again when the tab goes elsewhere
                LOG.debugf("Session %s: cannot attach to tab %d (%s): %s", session, tab.id(), tab.url(), failure.getMessage());
            } else if (!active || tabs.get(tab.id()) != tab) {
                socket.call("detach", tabField(tab.id())); // stopped or unshared meanwhile
            } else {
                tab.attachedAs((ObjectNode) result.path("targetInfo"));
                fanOut.tabAttached(tab);
                publish();
            }
            return null;
        });
    }

    // ---- what the extension tells ----

    /** Everything the extension says but replies: its shared tabs, CDP events, detaches, keep-alives. */
    void message(ObjectNode message) {
        switch (message.path("type").asText()) {
            case "tabs" -> tabsReported(message);
            case "event" -> {
                SharedTab tab = tabs.get(message.path("tab").asInt(-1));
                if (tab != null && tab.attached()) {
                    JsonNode child = message.get("session");
                    fanOut.event(tab, child == null || child.isNull() ? null : child.asText(), message.path("method").asText(),
                            message.path("params") instanceof ObjectNode params ? params : socket.json().createObjectNode());
                }
            }
            case "detached" -> {
                SharedTab tab = tabs.get(message.path("tab").asInt(-1));
                if (tab != null && tab.attached()) {
                    // DevTools opened on it, the person cancelled debugging, or it closed: not attached again by itself
                    LOG.debugf("Session %s: tab %d detached (%s)", session, tab.id(), message.path("reason").asText());
                    fanOut.tabDetached(tab);
                    tab.detached();
                    publish();
                }
            }
            case "ping" -> socket.send(socket.json().createObjectNode().put("type", "pong"));
            default -> LOG.debugf("Session %s: unknown message from the extension: %s", session, message.path("type").asText());
        }
    }

    /** The extension's list of shared tabs (on every change): tabs new to it attach, gone ones detach. */
    private void tabsReported(ObjectNode message) {
        autoShare = message.path("autoShare").asBoolean(autoShare);
        Set<Integer> reported = new HashSet<>();
        for (JsonNode described : message.path("tabs")) {
            int id = described.path("id").asInt(-1);
            if (id < 0) {
                continue;
            }
            reported.add(id);
            SharedTab tab = tabs.get(id);
            boolean added = tab == null;
            if (added) {
                tab = new SharedTab(id);
                tabs.put(id, tab);
            }
            boolean moved = tab.update(described);
            if (tab.attached()) {
                fanOut.tabChanged(tab);
            } else if (added || moved) {
                attach(tab);
            }
        }
        for (SharedTab gone : new ArrayList<>(tabs.values())) {
            if (!reported.contains(gone.id())) {
                tabs.remove(gone.id());
                if (gone.attached()) {
                    fanOut.tabDetached(gone);
                    gone.detached();
                }
            }
        }
        publish();
    }

    /** The extension disconnected: the clients lose every tab, and the session hears of it through {@link #ended()}. */
    void closed(String reason) {
        active = false;
        for (SharedTab tab : tabs.values()) {
            if (tab.attached()) {
                fanOut.tabDetached(tab);
                tab.detached();
            }
        }
        tabs.clear();
        publish();
        ended.complete(reason);
    }

    private void publish() {
        tabViews = tabs.values().stream().map(t -> new TabView(t.id(), t.url(), t.title(), t.attached())).toList();
    }

    private ObjectNode tabField(int tabId) {
        return socket.json().createObjectNode().put("tab", tabId);
    }
}
