package io.browserhub.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The wire to one browserhub extension (docs/extension.md, "The relay's protocol"): JSON text messages, long ones in
 * parts; calls of the hub with ids, answered by replies; everything else handed to the {@link Listener}. Runs on the
 * socket's event loop, which is also where every call must be made.
 */
final class ExtensionSocket {

    private static final Logger LOG = Logger.getLogger(ExtensionSocket.class);
    /** A message in parts may grow to this (a full-page screenshot of a long page), and no further. */
    static final int MAX_MESSAGE_CHARS = 256 * 1024 * 1024;

    /** What the extension says besides replies, and the end of the connection. */
    interface Listener {
        void message(ObjectNode message);

        void closed(String reason);
    }

    private final ServerWebSocket socket;
    private final ObjectMapper json;
    private final Context context;
    private final Map<Long, CompletableFuture<JsonNode>> calls = new HashMap<>();
    private Listener listener;
    private StringBuilder parts;
    private long nextId;
    private String closedBecause;

    ExtensionSocket(ServerWebSocket socket, ObjectMapper json, Context context) {
        this.socket = socket;
        this.json = json;
        this.context = context;
    }

    /** Starts reading; the listener hears every message but replies, then the end. */
    void listen(Listener listener) {
        this.listener = listener;
        socket.textMessageHandler(this::received);
        socket.binaryMessageHandler(b -> close((short) 1003, "browserhub's extension protocol is text only"));
        socket.closeHandler(v -> ended(socket.closeReason() != null ? socket.closeReason() : "the connection closed"));
        socket.exceptionHandler(e -> {
            LOG.debugf("Extension socket: %s", e.toString());
            ended("the connection failed: " + e.getMessage());
        });
    }

    /** Hands this connection to another listener (from the handshake to the link). */
    void handOver(Listener next) {
        this.listener = next;
    }

    Context context() {
        return context;
    }

    ObjectMapper json() {
        return json;
    }

    /** One call to the extension: {"type":"call","id":N,"op":op, ...fields}; completes with its result on this event loop. */
    CompletableFuture<JsonNode> call(String op, ObjectNode fields) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        if (closedBecause != null) {
            result.completeExceptionally(new CdpError(CdpError.SERVER_ERROR, "The browser disconnected: " + closedBecause));
            return result;
        }
        long id = ++nextId;
        ObjectNode message = json.createObjectNode().put("type", "call").put("id", id).put("op", op);
        message.setAll(fields);
        calls.put(id, result);
        socket.writeTextMessage(message.toString());
        return result;
    }

    void send(ObjectNode message) {
        if (closedBecause == null) {
            socket.writeTextMessage(message.toString());
        }
    }

    void close(short code, String reason) {
        if (!socket.isClosed()) {
            socket.close(code, reason);
        }
        ended(reason);
    }

    boolean closed() {
        return closedBecause != null;
    }

    private void received(String text) {
        String whole = text;
        if (text.startsWith("{\"type\":\"part\"")) {
            whole = part(text);
            if (whole == null) {
                return;
            }
        }
        ObjectNode message;
        try {
            message = (ObjectNode) json.readTree(whole);
        } catch (IOException | ClassCastException e) {
            close((short) 1007, "Not a JSON object");
            return;
        }
        if ("reply".equals(message.path("type").asText())) {
            replied(message);
        } else {
            listener.message(message);
        }
    }

    /** Collects a message sent in parts: null until its last part. */
    private String part(String text) {
        JsonNode part;
        try {
            part = json.readTree(text);
        } catch (IOException e) {
            close((short) 1007, "A part that is not JSON");
            return null;
        }
        if (parts == null) {
            parts = new StringBuilder();
        }
        parts.append(part.path("data").asText(""));
        if (parts.length() > MAX_MESSAGE_CHARS) {
            close((short) 1009, "Message too big: the hub takes at most " + MAX_MESSAGE_CHARS + " characters");
            return null;
        }
        if (!part.path("last").asBoolean(false)) {
            return null;
        }
        String whole = parts.toString();
        parts = null;
        return whole;
    }

    private void replied(ObjectNode reply) {
        CompletableFuture<JsonNode> call = calls.remove(reply.path("id").asLong(-1));
        if (call == null) {
            return;
        }
        JsonNode error = reply.get("error");
        if (error != null && !error.isNull()) {
            call.completeExceptionally(new CdpError(error.path("code").asInt(CdpError.SERVER_ERROR), error.path("message").asText("error")));
        } else {
            call.complete(reply.path("result"));
        }
    }

    private void ended(String reason) {
        if (closedBecause != null) {
            return;
        }
        closedBecause = reason == null || reason.isBlank() ? "the connection closed" : reason;
        List<CompletableFuture<JsonNode>> waiting = new ArrayList<>(calls.values());
        calls.clear();
        CdpError gone = new CdpError(CdpError.SERVER_ERROR, "The browser disconnected: " + closedBecause);
        waiting.forEach(c -> c.completeExceptionally(gone));
        if (listener != null) {
            listener.closed(closedBecause);
        }
    }

    /** Runs on this connection's event loop: at once when already there. */
    void run(Runnable task) {
        if (Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }
}
