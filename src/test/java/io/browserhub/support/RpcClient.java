package io.browserhub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real JSON-RPC 2.0 client over a WebSocket (the JDK's), as an agent would use the hub. */
public final class RpcClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> unmatched = new LinkedBlockingQueue<>();
    private final BlockingQueue<BinaryFrame> frames = new LinkedBlockingQueue<>();
    private final JsonSocket socket;

    /** A binary screencast message as received: its JSON header, the image, and when it arrived (ms and ns clocks). */
    public record BinaryFrame(JsonNode header, byte[] image, long receivedAtMs, long receivedAtNanos) {

        public int imageBytes() {
            return image.length;
        }
    }

    private RpcClient(URI uri, Map<String, String> headers) {
        this.socket = new JsonSocket(uri, headers, this::text, this::binary);
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
        long id = socket.nextId();
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", JSON.valueToTree(params));
        return socket.request(id, request.toString());
    }

    /** Sends any text frame as is. */
    public void sendRaw(String text) {
        socket.sendText(text);
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
        return socket.closeReason();
    }

    /** Completes with the WebSocket close code. */
    public CompletableFuture<Integer> closed() {
        return socket.closed();
    }

    @Override
    public void close() {
        socket.close();
    }

    /** A screencast frame: a 4-byte header length, the JSON header, then the image. */
    private void binary(byte[] message) {
        int headerLength = ByteBuffer.wrap(message, 0, 4).getInt();
        try {
            JsonNode header = JSON.readTree(new String(message, 4, headerLength, StandardCharsets.UTF_8));
            byte[] image = Arrays.copyOfRange(message, 4 + headerLength, message.length);
            frames.add(new BinaryFrame(header, image, System.currentTimeMillis(), System.nanoTime()));
        } catch (Exception e) {
            unmatched.add("bad binary frame: " + e);
        }
    }

    /** A text message that answered none of our requests: a notification, or something a test looks at. */
    private void text(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            if (node.isObject() && node.has("method") && !node.has("id")) {
                notifications.add(node);
                return;
            }
        } catch (Exception unreadable) {
            // kept as it came
        }
        unmatched.add(message);
    }
}
