package io.browserhub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A real JSON-RPC 2.0 client over a WebSocket (the JDK's), as an agent would use the hub. */
public final class RpcClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> unmatched = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason = "";
    private final BlockingQueue<BinaryFrame> frames = new LinkedBlockingQueue<>();

    /** A binary screencast message as received: its JSON header, the image, and when it arrived (ms and ns clocks). */
    public record BinaryFrame(JsonNode header, byte[] image, long receivedAtMs, long receivedAtNanos) {

        public int imageBytes() {
            return image.length;
        }
    }

    private RpcClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** Connects to ws://host:port/rpc of the given HTTP base URL. */
    public static RpcClient connect(URI httpBase) {
        return connect(httpBase, Map.of());
    }

    public static RpcClient connect(URI httpBase, Map<String, String> headers) {
        return new RpcClient(URI.create(httpBase.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/rpc"), headers);
    }

    /** Connects to exactly this ws:// URI, e.g. one with ?token= on it. */
    public static RpcClient connectTo(URI webSocketUri, Map<String, String> headers) {
        return new RpcClient(webSocketUri, headers);
    }

    /** Sends a request and waits for its result; a JSON-RPC error becomes an {@link RpcError}. */
    public JsonNode call(String method, Object params) {
        return await(send(method, params));
    }

    public JsonNode call(String method) {
        return call(method, Map.of());
    }

    /** Sends a request without waiting; the future completes with the whole response object. */
    public CompletableFuture<JsonNode> send(String method, Object params) {
        long id = ids.incrementAndGet();
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        pending.put(id, response);
        sendRaw(request.toString());
        return response;
    }

    /** Sends any text frame as is. */
    public void sendRaw(String text) {
        synchronized (socket) {
            socket.sendText(text, true).join();
        }
    }

    /** The next text message that was not the answer to one of {@link #send}'s requests. */
    public String nextUnmatched(Duration timeout) throws InterruptedException {
        return unmatched.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next binary screencast frame, or null after the timeout. */
    public BinaryFrame nextFrame(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public JsonNode nextNotification(Duration timeout) throws InterruptedException {
        return notifications.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static JsonNode await(CompletableFuture<JsonNode> response) {
        JsonNode r;
        try {
            r = response.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("No response: " + e, e);
        }
        if (r.has("error")) {
            throw new RpcError(r.get("error"));
        }
        return r.get("result");
    }

    /** The reason of the server's close frame; empty until it closed. */
    public String closeReason() {
        return closeReason;
    }

    /** Completes with the WebSocket close code. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                byte[] message = binary.toByteArray();
                binary = new java.io.ByteArrayOutputStream();
                int headerLength = java.nio.ByteBuffer.wrap(message, 0, 4).getInt();
                try {
                    JsonNode header = JSON.readTree(new String(message, 4, headerLength, java.nio.charset.StandardCharsets.UTF_8));
                    byte[] image = java.util.Arrays.copyOfRange(message, 4 + headerLength, message.length);
                    frames.add(new BinaryFrame(header, image, System.currentTimeMillis(), System.nanoTime()));
                } catch (Exception e) {
                    unmatched.add("bad binary frame: " + e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                dispatch(message);
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

        private void dispatch(String message) {
            try {
                JsonNode node = JSON.readTree(message);
                if (node.isObject() && node.has("id") && node.get("id").canConvertToLong()
                        && pending.containsKey(node.get("id").asLong())) {
                    pending.remove(node.get("id").asLong()).complete(node);
                } else if (node.isObject() && node.has("method") && !node.has("id")) {
                    notifications.add(node);
                } else {
                    unmatched.add(message);
                }
            } catch (Exception e) {
                unmatched.add(message);
            }
        }
    }
}
