package io.browserhub.support;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Raw Chrome DevTools Protocol over the JDK's WebSocket, as a script without a CDP library would speak it:
 * requests with ids, flat sessions (sessionId), events. Against the hub's /cdp/{session} or Chromium itself.
 */
public final class CdpClient implements AutoCloseable {

    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason = "";

    private CdpClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static CdpClient connect(URI webSocketUri, Map<String, String> headers) {
        return new CdpClient(webSocketUri, headers);
    }

    /** ws://hub/cdp/{session} with the test token as a header. */
    public static CdpClient toSession(String session) {
        return toSession(session, "");
    }

    /** With a query such as "?client=raw" added to the URL. */
    public static CdpClient toSession(String session, String query) {
        return connect(webSocketUrl(session, query), Map.of("Authorization", "Bearer " + Hub.TOKEN));
    }

    public static URI webSocketUrl(String session, String query) {
        return URI.create(Hub.base().toString().replaceFirst("^http", "ws") + "cdp/" + session + query);
    }

    /** Sends a request; the future completes with the whole response (result or error). */
    public CompletableFuture<JsonNode> send(String method, Object params, String sessionId) {
        long id = ids.incrementAndGet();
        // in Puppeteer's order: the method, its params, then the id (Playwright sends the id first)
        ObjectNode request = RpcClient.JSON.createObjectNode().put("method", method);
        if (params != null) {
            request.set("params", RpcClient.JSON.valueToTree(params));
        }
        request.put("id", id);
        if (sessionId != null) {
            request.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        pending.put(id, response);
        synchronized (socket) {
            socket.sendText(request.toString(), true).join();
        }
        return response;
    }

    /** The result of a request that must succeed. */
    public JsonNode call(String method, Object params, String sessionId) {
        JsonNode response = await(send(method, params, sessionId));
        if (response.has("error")) {
            throw new AssertionError(method + " failed: " + response.get("error"));
        }
        return response.get("result");
    }

    public JsonNode call(String method, Object params) {
        return call(method, params, null);
    }

    /** The error object of a request that must fail. */
    public JsonNode error(String method, Object params, String sessionId) {
        JsonNode response = await(send(method, params, sessionId));
        if (!response.has("error")) {
            throw new AssertionError(method + " was expected to fail, but answered " + response);
        }
        return response.get("error");
    }

    /** A flat session on the first page target whose URL contains {@code urlPart}. */
    public String attachToPage(String urlPart) {
        for (JsonNode target : call("Target.getTargets", Map.of()).get("targetInfos")) {
            if ("page".equals(target.path("type").asText()) && target.path("url").asText().contains(urlPart)) {
                return call("Target.attachToTarget", Map.of("targetId", target.get("targetId").asText(), "flatten", true))
                        .get("sessionId").asText();
            }
        }
        throw new AssertionError("No page target with a URL containing " + urlPart);
    }

    /** Evaluates an expression in a page session and returns its value. */
    public JsonNode evaluate(String sessionId, String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true), sessionId);
        if (result.has("exceptionDetails")) {
            throw new AssertionError("evaluate threw: " + result.get("exceptionDetails"));
        }
        return result.at("/result/value");
    }

    public JsonNode nextEvent(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Completes with the close code the other side sent. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    public String closeReason() {
        return closeReason;
    }

    private static JsonNode await(CompletableFuture<JsonNode> response) {
        try {
            return response.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("No response: " + e, e);
        }
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

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    JsonNode node = RpcClient.JSON.readTree(message);
                    CompletableFuture<JsonNode> waiting = node.has("id") ? pending.remove(node.get("id").asLong()) : null;
                    if (waiting != null) {
                        waiting.complete(node);
                    } else {
                        events.add(node);
                    }
                } catch (Exception e) {
                    events.add(RpcClient.JSON.createObjectNode().put("unreadable", message));
                }
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
    }
}
