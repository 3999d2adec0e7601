package io.browserhub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One session of the hub under test, driven over a real WebSocket the way an agent drives it: every call
 * names the session. The session is created on first use (the hub's port is known only once Quarkus runs)
 * and deleted by {@link #close()}.
 */
final class BrowserUnderTest implements AutoCloseable {

    private final String prefix;
    private RpcClient rpc;
    private String id;

    BrowserUnderTest(String prefix) {
        this.prefix = prefix;
    }

    synchronized String id() {
        if (id == null) {
            rpc = Hub.connect();
            String wanted = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
            id = rpc.call("session.create", Map.of("id", wanted)).get("id").asText();
        }
        return id;
    }

    RpcClient rpc() {
        id();
        return rpc;
    }

    /** Calls a session method; the session parameter is added. */
    JsonNode call(String method, Map<String, ?> params) {
        return rpc().call(method, withSession(params));
    }

    JsonNode call(String method) {
        return call(method, Map.of());
    }

    /** Sends a session method without waiting; completes with the whole response object. */
    CompletableFuture<JsonNode> send(String method, Map<String, ?> params) {
        return rpc().send(method, withSession(params));
    }

    /** Calls a session method that must fail with the given error kind; returns the error. */
    RpcError fails(String kind, String method, Map<String, ?> params) {
        RpcError error = assertThrows(RpcError.class, () -> call(method, params), () -> method + " " + params + " should fail with " + kind);
        assertEquals(kind, error.kind(), error.toString());
        return error;
    }

    /** Loads one of the test's own pages (src/test/resources/pages) in the active tab. */
    JsonNode open(String page) {
        return call("page.goto", Map.of("url", TestPages.url(page)));
    }

    /** Runs a function in the page and returns its JSON value. */
    JsonNode eval(String function) {
        return call("page.evaluate", Map.of("function", function)).get("value");
    }

    JsonNode eval(String function, Object arg) {
        return call("page.evaluate", Map.of("function", function, "arg", arg)).get("value");
    }

    /** innerText of the first element matching a selector. */
    String text(String selector) {
        return call("page.text", Map.of("selector", selector)).get("text").asText();
    }

    /** The value property of an input, textarea or select. */
    String value(String selector) {
        return eval("(s) => document.querySelector(s).value", selector).asText();
    }

    String url() {
        return call("page.url").get("url").asText();
    }

    Map<String, Object> withSession(Map<String, ?> params) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("session", id());
        return all;
    }

    @Override
    public synchronized void close() {
        if (rpc == null) {
            return;
        }
        try {
            rpc.call("session.delete", Map.of("id", id));
        } finally {
            rpc.close();
            rpc = null;
        }
    }
}
