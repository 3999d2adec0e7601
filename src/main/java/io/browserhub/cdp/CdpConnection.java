package io.browserhub.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.backend.DevToolsEndpoint;
import io.browserhub.client.Client;
import io.browserhub.client.ClientDisconnected;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.session.Session;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One CDP client: its WebSocket to the hub, and the hub's WebSocket to the same target in Chromium. Frames pass
 * on in the order they came, as they came; a request is peeked at for its method, and the few that
 * {@link CdpRule} names are acted on. Everything here runs on the event loop of the client's connection (the
 * upstream socket is opened from it, so Vert.x runs its handlers there too): no locks.
 */
final class CdpConnection {

    private static final Logger LOG = Logger.getLogger(CdpConnection.class);
    private static final long PING_MS = 30_000;
    /** Messages that may wait behind a check (the last-tab check) before the client is paused. */
    private static final int MAX_HELD = 256;
    private static final long TOUCH_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** CDP's own code for a request the server refuses. */
    private static final int SERVER_ERROR = -32000;
    /** Close code when another client holds control and the connection asked for it (like 4401: 4000-4999 are ours). */
    static final short CLOSE_CONTROL_HELD = 4409;

    /** A request of the client, as far as the door reads it. */
    /** Flattened target sessions of this connection: CDP session id to page target id. */
    private final Map<String, String> targetsBySession = new java.util.HashMap<>();

    private record Request(long id, String method, String sessionId, JsonNode params) {
    }

    /** A request passed on whose response the door waits for: the lease it counts on, and what to do with the answer. */
    private record Pending(Runnable done, Consumer<Buffer> answered) {
    }

    private final CdpDoor door;
    private final ServerWebSocket client;
    private final Client who;
    private final Session session;
    /** null: the browser target; else the page this connection is to. */
    private final String pageTarget;
    private final boolean acquireControl;
    private final Context context;
    private final InputBurst inputs;
    private final long opened = System.nanoTime();
    private final Map<Long, Pending> pending = new HashMap<>();
    /** Browser contexts this connection created: the only ones it may dispose of or send downloads from. */
    private final Set<String> ownContexts = new HashSet<>();
    /** Client messages waiting until the upstream is open, or behind a check. */
    private final ArrayDeque<List<WebSocketFrame>> held = new ArrayDeque<>();
    private boolean holding = true;
    private boolean pausedForHeld;
    private boolean pausedForUpstream;
    private List<WebSocketFrame> partial;
    private int partialBytes;
    /** Between the first and the last frame of a message from Chromium: the door's own answers wait for its end. */
    private boolean upstreamMidMessage;
    private final List<String> answersWaiting = new ArrayList<>();
    private DevToolsEndpoint endpoint;
    private WebSocket upstream;
    private boolean connected;
    private boolean closed;
    private long pingTimer = -1;
    private long burstTimer = -1;
    private long lastTouch;

    CdpConnection(CdpDoor door, ServerWebSocket client, Client who, Session session, String pageTarget, boolean acquireControl,
                  Context context) {
        this.door = door;
        this.client = client;
        this.who = who;
        this.session = session;
        this.pageTarget = pageTarget;
        this.acquireControl = acquireControl;
        this.context = context;
        this.inputs = new InputBurst(door.activity().params(session.id()),
                (method, params, failure, nanos) -> door.activity().report(who, method, params, failure, nanos));
    }

    /** Starts the session if it is not running, then opens the upstream; the client's messages wait until then. */
    void open() {
        client.frameHandler(this::fromClient);
        client.closeHandler(v -> ended(null));
        client.exceptionHandler(e -> {
            LOG.debugf("CDP client %s: %s", who, e.toString());
            ended(null);
        });
        // a connected DevTools client keeps the session from being reaped, like a live viewer
        session.viewerJoined();
        door.upstream().running(session).whenComplete((found, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                failed(failure);
                return;
            }
            if (closed) {
                return;
            }
            endpoint = found;
            door.upstream().connect(found, pageTarget == null ? found.browserPath() : "/devtools/page/" + pageTarget).onComplete(ar -> {
                if (ar.failed()) {
                    failed(new HubException(ErrorCode.SESSION_UNAVAILABLE, pageTarget == null
                            ? "Session \"" + session.id() + "\": the browser's DevTools server did not accept the connection ("
                                    + ar.cause().getMessage() + ")."
                            : "Session \"" + session.id() + "\" has no page target " + pageTarget + " (GET /cdp/" + session.id()
                                    + "/json/list lists them).", Map.of("session", session.id())));
                } else if (closed) {
                    ar.result().close();
                } else {
                    upstreamOpen(ar.result());
                }
            });
        }));
    }

    private void upstreamOpen(WebSocket socket) {
        upstream = socket;
        upstream.frameHandler(this::fromUpstream);
        upstream.closeHandler(v -> ended("The session's browser closed this connection (the session stopped, or its browser restarted)."));
        upstream.exceptionHandler(e -> {
            LOG.debugf("CDP upstream of %s: %s", who, e.toString());
            ended("The connection to the session's browser failed.");
        });
        pingTimer = door.vertx().setPeriodic(PING_MS, id -> {
            client.writePing(Buffer.buffer());
            if (acquireControl) {
                door.gate().touch(session.id(), who); // a connection that took control holds it while it is open
            }
        });
        if (!acquireControl) {
            ready();
            return;
        }
        ObjectNode params = door.json().createObjectNode().put("session", session.id());
        door.dispatcher().dispatch("control.acquire", params, who).whenComplete((granted, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                failed(failure);
            } else if (!closed) {
                ready();
            }
        }));
    }

    private void ready() {
        connected = true;
        door.activity().report(who, "cdp.connect", connectParams(), null, System.nanoTime() - opened);
        release();
    }

    private void failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        HubException error = cause instanceof HubException hub ? hub : new HubException(ErrorCode.SESSION_UNAVAILABLE,
                "Session \"" + session.id() + "\" is unavailable: " + cause.getMessage(), Map.of("session", session.id()), cause);
        door.activity().report(who, "cdp.connect", connectParams(), error, System.nanoTime() - opened);
        short code = error.code() == ErrorCode.CONTROL_HELD ? CLOSE_CONTROL_HELD : 1011;
        if (!closed) {
            client.close(code, closeReason(error.getMessage()));
        }
        ended(null);
    }

    private ObjectNode connectParams() {
        return door.activity().params(session.id()).put("type", pageTarget == null ? "browser" : "page");
    }

    // ---- client to Chromium ----

    private void fromClient(WebSocketFrame frame) {
        if (closed || frame.isClose()) {
            return;
        }
        List<WebSocketFrame> frames;
        if (partial != null || !frame.isFinal()) {
            if (partial == null) {
                partial = new ArrayList<>();
                partialBytes = 0;
            }
            partial.add(frame);
            partialBytes += frame.binaryData().length();
            if (partialBytes > door.maxMessageBytes()) {
                // frames are passed on as they come, so Vert.x does not count whole messages: the door does
                client.close((short) 1009, "Message too big: the hub accepts at most " + door.maxMessageBytes() + " bytes per message");
                ended(null);
                return;
            }
            if (!frame.isFinal()) {
                return;
            }
            frames = partial;
            partial = null;
        } else {
            frames = List.of(frame);
        }
        if (holding) {
            held.add(frames);
            if (held.size() >= MAX_HELD && !pausedForHeld) {
                pausedForHeld = true;
                client.pause();
            }
            return;
        }
        handle(frames);
    }

    private void handle(List<WebSocketFrame> frames) {
        if (!frames.get(0).isText()) {
            toUpstream(frames);
            return;
        }
        touchLease();
        Buffer body = body(frames);
        String method = CdpMessage.method(body);
        CdpRule rule = method == null ? CdpRule.PASS : CdpRule.of(method);
        ObjectNode message = rule == CdpRule.PASS ? null : CdpMessage.parse(body, door.json());
        if (message == null || !message.path("id").canConvertToLong()) {
            toUpstream(frames); // without an id Chromium answers it, as it would
            return;
        }
        Request r = new Request(message.get("id").asLong(), method, message.path("sessionId").textValue(), message.path("params"));
        if (rule != CdpRule.INPUT) {
            inputs.flush(); // the activity log keeps the order things happened in
        }
        switch (rule) {
            case NAVIGATE, INPUT -> drive(rule, r, frames);
            case OPEN_TAB -> {
                ObjectNode shown = shown(r, "url");
                long started = System.nanoTime();
                track(r, null, response -> logAnswered(r, shown, response, started));
                toUpstream(frames);
            }
            case CLOSE_TAB -> closeTab(r, frames);
            case CREATE_CONTEXT -> {
                track(r, null, response -> {
                    String created = CdpMessage.parse(response, door.json()).path("result").path("browserContextId").textValue();
                    if (created != null) {
                        ownContexts.add(created);
                    }
                });
                toUpstream(frames);
            }
            case DISPOSE_CONTEXT -> {
                if (ownContexts.remove(r.params().path("browserContextId").asText(""))) {
                    toUpstream(frames);
                } else {
                    answerError(r, SERVER_ERROR, "browserhub: a CDP client may dispose of the browser contexts it created on"
                            + " this connection only; the default context holds the session's own tabs and profile.", null);
                }
            }
            case DOWNLOADS -> {
                if (ownContexts.contains(r.params().path("browserContextId").asText(""))) {
                    toUpstream(frames);
                } else {
                    // the session's downloads go to its downloads/ folder and page.download events; a client's own
                    // contexts are its to configure
                    answer(r);
                }
            }
            case PAGE_DOWNLOADS -> answer(r);
            case CLOSE_CONNECTION -> {
                answer(r);
                client.close((short) 1000, "Browser.close closes this connection only; the session keeps running");
                ended(null);
            }
            case REFUSE -> answerError(r, SERVER_ERROR, "browserhub: " + r.method() + " is refused: the session's browser is shared"
                    + " with the hub and its other clients. Stop the session with session.stop instead.", null);
            case PASS -> toUpstream(frames);
        }
    }

    /** A flattened session of this connection attached to (or detached from) a page target. */
    private void noteTarget(Buffer data) {
        JsonNode event = CdpMessage.parse(data, door.json());
        JsonNode params = event.path("params");
        if ("Target.attachedToTarget".equals(event.path("method").asText())) {
            targetsBySession.put(params.path("sessionId").asText(), params.path("targetInfo").path("targetId").asText());
        } else {
            targetsBySession.remove(params.path("sessionId").asText());
        }
    }

    /** The session's tab a request drives: its page connection's, or its flattened session's page (null: no one tab). */
    private String tabOf(Request r) {
        String target = pageTarget != null ? pageTarget : r.sessionId() != null ? targetsBySession.get(r.sessionId()) : null;
        return session.tabOfTarget(target).orElse(null);
    }

    /** Navigation and input: refused while another client holds control, else passed on holding the lease until answered. */
    private void drive(CdpRule rule, Request r, List<WebSocketFrame> frames) {
        Runnable done;
        try {
            done = door.gate().admit(session.id(), tabOf(r), who);
        } catch (HubException refused) {
            answerError(r, refused.code().code(), refused.getMessage(), refused.code().name());
            if (rule == CdpRule.INPUT) {
                input(r, refused);
            } else {
                door.activity().report(who, r.method(), shown(r, "url"), refused, 0);
            }
            return;
        }
        if (rule == CdpRule.INPUT) {
            input(r, null);
            track(r, done, null);
        } else {
            ObjectNode shown = shown(r, "url");
            long started = System.nanoTime();
            track(r, done, response -> logAnswered(r, shown, response, started));
        }
        toUpstream(frames);
    }

    /**
     * A session always keeps a tab to drive (as tab.close does): closing its only page opens a blank one first,
     * so neither the hub nor a headed browser, which would quit with its last window, is left without one. The
     * client's later messages wait meanwhile, so the order stays as sent.
     */
    private void closeTab(Request r, List<WebSocketFrame> frames) {
        // Target.closeTarget names the page; Page.close is sent to it (a flat session, or this page connection)
        String target = "Target.closeTarget".equals(r.method()) ? r.params().path("targetId").textValue()
                : r.sessionId() == null ? pageTarget : null;
        holding = true;
        ObjectNode shown = door.activity().params(session.id());
        door.upstream().get(endpoint, "/json/list").compose(list -> {
            List<JsonNode> pages = new ArrayList<>();
            list.forEach(t -> {
                if ("page".equals(t.path("type").asText())) {
                    pages.add(t);
                }
                if (target != null && target.equals(t.path("id").asText()) && t.path("url").isTextual()) {
                    shown.put("url", t.get("url").asText());
                }
            });
            boolean last = pages.size() == 1 && (target == null || target.equals(pages.get(0).path("id").asText()));
            return last ? door.upstream().openBlankTab(endpoint).map(x -> true) : Future.succeededFuture(false);
        }).onComplete(ar -> {
            if (closed) {
                return;
            }
            if (ar.failed()) {
                LOG.debugf("CDP %s: could not look for the session's last tab: %s", who, ar.cause().toString());
            }
            long started = System.nanoTime();
            track(r, null, response -> logAnswered(r, shown, response, started));
            toUpstream(frames);
            release();
        });
    }

    private void input(Request r, HubException refused) {
        if (inputs.add(r.method(), r.params().path("type").textValue(), refused, System.nanoTime()) && burstTimer < 0) {
            checkBurst(InputBurst.QUIET_NANOS);
        }
    }

    private void checkBurst(long nanos) {
        burstTimer = door.vertx().setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)), id -> {
            burstTimer = -1;
            long wait = inputs.flushIfQuiet(System.nanoTime());
            if (wait > 0) {
                checkBurst(wait);
            }
        });
    }

    /** The holder's lease lasts while it sends anything, not only driving methods (as with reading JSON-RPC methods). */
    private void touchLease() {
        long now = System.nanoTime();
        if (now - lastTouch > TOUCH_NANOS) {
            lastTouch = now;
            door.gate().touch(session.id(), who);
        }
    }

    private void track(Request r, Runnable done, Consumer<Buffer> answered) {
        Pending earlier = pending.put(r.id(), new Pending(done, answered));
        if (earlier != null && earlier.done() != null) {
            earlier.done().run(); // the client reused an id before its answer came: that one counts no more
        }
    }

    /** The activity entry of a navigation, or of a tab opened or closed, once Chromium answered it. */
    private void logAnswered(Request r, ObjectNode shown, Buffer response, long started) {
        HubException failure = null;
        if (CdpMessage.isError(response)) {
            String message = CdpMessage.parse(response, door.json()).path("error").path("message").asText("error");
            failure = new HubException(r.method().startsWith("Page.") ? ErrorCode.NAVIGATION_FAILED : ErrorCode.INVALID_PARAMS,
                    "Chromium refused " + r.method() + ": " + message);
        } else if ("Page.navigate".equals(r.method())) {
            String errorText = CdpMessage.parse(response, door.json()).path("result").path("errorText").asText("");
            if (!errorText.isEmpty()) {
                failure = new HubException(ErrorCode.NAVIGATION_FAILED, errorText);
            }
        }
        door.activity().report(who, r.method(), shown, failure, System.nanoTime() - started);
    }

    private ObjectNode shown(Request r, String field) {
        ObjectNode shown = door.activity().params(session.id());
        JsonNode value = r.params().path(field);
        if (value.isTextual()) {
            shown.put(field, value.asText());
        }
        return shown;
    }

    private void toUpstream(List<WebSocketFrame> frames) {
        for (WebSocketFrame frame : frames) {
            upstream.writeFrame(frame);
        }
        if (!pausedForUpstream && upstream.writeQueueFull()) {
            pausedForUpstream = true;
            client.pause();
            upstream.drainHandler(v -> {
                pausedForUpstream = false;
                resumeClient();
            });
        }
    }

    /** Ends a hold: the messages that waited go on, in order, until one of them starts another hold. */
    private void release() {
        holding = false;
        while (!holding && !closed && !held.isEmpty()) {
            handle(held.poll());
        }
        if (pausedForHeld && !holding) {
            pausedForHeld = false;
            resumeClient();
        }
    }

    private void resumeClient() {
        if (!pausedForHeld && !pausedForUpstream && !closed) {
            client.resume();
        }
    }

    // ---- Chromium to client ----

    private void fromUpstream(WebSocketFrame frame) {
        if (closed || frame.isClose()) {
            return;
        }
        if (frame.isText() && frame.isFinal() && !upstreamMidMessage && CdpMessage.isAttachment(frame.binaryData())) {
            noteTarget(frame.binaryData());
        }
        if (!pending.isEmpty() && frame.isText()) {
            Buffer data = frame.binaryData();
            Long id = CdpMessage.responseId(data);
            Pending p = id == null ? null : pending.remove(id);
            if (p != null) {
                if (p.done() != null) {
                    p.done().run();
                }
                if (p.answered() != null) {
                    p.answered().accept(data);
                }
            }
        }
        client.writeFrame(frame);
        upstreamMidMessage = !frame.isFinal();
        if (!upstreamMidMessage && !answersWaiting.isEmpty()) {
            answersWaiting.forEach(client::writeTextMessage);
            answersWaiting.clear();
        }
        if (client.writeQueueFull()) {
            upstream.pause();
            client.drainHandler(v -> {
                if (!closed) {
                    upstream.resume();
                }
            });
        }
    }

    // ---- answers of the door itself ----

    private void answer(Request r) {
        ObjectNode body = door.json().createObjectNode();
        body.putObject("result");
        reply(r, body);
    }

    private void answerError(Request r, int code, String message, String data) {
        ObjectNode body = door.json().createObjectNode();
        ObjectNode error = body.putObject("error").put("code", code).put("message", message);
        if (data != null) {
            error.put("data", data);
        }
        reply(r, body);
    }

    /** Answers carry the request's flat session id: clients look the request up under it. */
    private void reply(Request r, ObjectNode body) {
        ObjectNode message = door.json().createObjectNode().put("id", r.id());
        message.setAll(body);
        if (r.sessionId() != null) {
            message.put("sessionId", r.sessionId());
        }
        if (upstreamMidMessage) {
            answersWaiting.add(message.toString());
        } else {
            client.writeTextMessage(message.toString());
        }
    }

    // ---- the end ----

    /** Closes both sides once; {@code reason} is told to the client when the end came from the browser's side. */
    private void ended(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        if (pingTimer >= 0) {
            door.vertx().cancelTimer(pingTimer);
        }
        if (burstTimer >= 0) {
            door.vertx().cancelTimer(burstTimer);
        }
        inputs.flush();
        for (Pending p : pending.values()) {
            if (p.done() != null) {
                p.done().run();
            }
        }
        pending.clear();
        held.clear();
        if (upstream != null && !upstream.isClosed()) {
            upstream.close();
        }
        if (reason != null && !client.isClosed()) {
            client.close((short) 1001, closeReason(reason));
        }
        session.viewerLeft();
        door.disconnected().fire(new ClientDisconnected(who));
        if (connected) {
            door.activity().report(who, "cdp.disconnect", door.activity().params(session.id()), null, System.nanoTime() - opened);
        }
    }

    private static Buffer body(List<WebSocketFrame> frames) {
        if (frames.size() == 1) {
            return frames.get(0).binaryData();
        }
        Buffer whole = Buffer.buffer();
        frames.forEach(f -> whole.appendBuffer(f.binaryData()));
        return whole;
    }

    /** A close frame's reason may carry 123 bytes of UTF-8. */
    static String closeReason(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 123) {
            return text;
        }
        String cut = new String(bytes, 0, 120, StandardCharsets.UTF_8);
        // a character split at the cut decodes as U+FFFD: drop it
        return cut.replaceAll("\uFFFD+$", "") + "...";
    }
}
