package io.browserhub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Raw Chrome DevTools Protocol over the JDK's WebSocket, as a script without a CDP library would speak it:
 * requests with ids, flat sessions (sessionId), events. Against the hub's /cdp/{session} or Chromium itself.
 */
public final class CdpClient implements AutoCloseable {

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final JsonSocket socket;

    private CdpClient(URI uri, Map<String, String> headers) {
        this.socket = new JsonSocket(uri, headers, this::event, message -> events.add(
                RpcClient.JSON.createObjectNode().put("unreadable", "binary message of " + message.length + " bytes")));
    }

    private void event(String message) {
        try {
            events.add(RpcClient.JSON.readTree(message));
        } catch (Exception e) {
            events.add(RpcClient.JSON.createObjectNode().put("unreadable", message));
        }
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
        long id = socket.nextId();
        // in Puppeteer's order: the method, its params, then the id (Playwright sends the id first)
        ObjectNode request = RpcClient.JSON.createObjectNode().put("method", method);
        if (params != null) {
            request.set("params", RpcClient.JSON.valueToTree(params));
        }
        request.put("id", id);
        if (sessionId != null) {
            request.put("sessionId", sessionId);
        }
        return socket.request(id, request.toString());
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
        return socket.closed();
    }

    public String closeReason() {
        return socket.closeReason();
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
        socket.close();
    }
}
