package io.browserhub.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The JDK WebSocket under the test clients that speak request/response JSON (JSON-RPC, CDP): whole messages
 * reassembled from fragments, numbered requests matched with their answers, the close code and reason kept.
 */
final class JsonSocket {

    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason = "";

    /**
     * @param onText every whole text message that was not the answer to a request
     * @param onBinary every whole binary message
     */
    JsonSocket(URI uri, Map<String, String> headers, Consumer<String> onText, Consumer<byte[]> onBinary) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Listener(onText, onBinary)).join();
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Sends a request already numbered by {@link #nextId}; the future completes with its whole answer. */
    CompletableFuture<JsonNode> request(long id, String text) {
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        pending.put(id, response);
        sendText(text);
        return response;
    }

    void sendText(String text) {
        synchronized (socket) {
            socket.sendText(text, true).join();
        }
    }

    CompletableFuture<Integer> closed() {
        return closed;
    }

    String closeReason() {
        return closeReason;
    }

    void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final Consumer<String> onText;
        private final Consumer<byte[]> onBinary;
        private final StringBuilder text = new StringBuilder();
        private ByteArrayOutputStream binary = new ByteArrayOutputStream();

        Listener(Consumer<String> onText, Consumer<byte[]> onBinary) {
            this.onText = onText;
            this.onBinary = onBinary;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                if (!answered(message)) {
                    onText.accept(message);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                byte[] message = binary.toByteArray();
                binary = new ByteArrayOutputStream();
                onBinary.accept(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(statusCode);
            pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason)));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
            pending.values().forEach(f -> f.completeExceptionally(error));
        }

        private boolean answered(String message) {
            try {
                JsonNode node = RpcClient.JSON.readTree(message);
                if (node.isObject() && node.has("id") && node.get("id").canConvertToLong()) {
                    CompletableFuture<JsonNode> waiting = pending.remove(node.get("id").asLong());
                    if (waiting != null) {
                        waiting.complete(node);
                        return true;
                    }
                }
            } catch (Exception unreadable) {
                // not JSON: the owner decides what that means
            }
            return false;
        }
    }
}
