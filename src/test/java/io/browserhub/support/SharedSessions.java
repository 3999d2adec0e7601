package io.browserhub.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Helpers for scenarios where several clients share one session: named clients, fresh sessions, events. */
public final class SharedSessions {

    public static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    private SharedSessions() {
    }

    /** A WebSocket client that introduced itself. */
    public static RpcClient client(String name, String kind) {
        RpcClient client = Hub.connect();
        client.call("client.hello", Map.of("name", name, "kind", kind));
        return client;
    }

    /** A new session with this id (an earlier run's session of that id is deleted first), showing a test page. */
    public static String fresh(RpcClient client, String id, String page) {
        try {
            client.call("session.delete", Map.of("id", id));
        } catch (RpcError e) {
            if (!"SESSION_NOT_FOUND".equals(e.kind())) {
                throw e;
            }
        }
        client.call("session.create", Map.of("id", id));
        if (page != null) {
            client.call("page.goto", Map.of("session", id, "url", TestPages.url(page)));
        }
        return id;
    }

    /** Reads notifications until an event of this kind that matches; every notification read goes into seen. */
    public static JsonNode awaitEvent(RpcClient client, String kind, Predicate<JsonNode> matching, List<JsonNode> seen)
            throws InterruptedException {
        while (true) {
            JsonNode n = client.nextNotification(EVENT_WAIT);
            assertNotNull(n, "no " + kind + " event within " + EVENT_WAIT + "; seen so far: " + seen);
            seen.add(n);
            if ("event".equals(n.path("method").asText()) && kind.equals(n.at("/params/kind").asText())
                    && matching.test(n.get("params"))) {
                return n.get("params");
            }
        }
    }

    public static JsonNode awaitEvent(RpcClient client, String kind, Predicate<JsonNode> matching) throws InterruptedException {
        return awaitEvent(client, kind, matching, new ArrayList<>());
    }

    /**
     * The whole activity log of a session, through session.activity pages. A short page means the end: every
     * call is itself journaled, so asking again would always find the previous call.
     */
    public static List<JsonNode> activity(RpcClient client, String session) {
        List<JsonNode> entries = new ArrayList<>();
        long since = 0;
        int limit = 1000;
        while (true) {
            JsonNode page = client.call("session.activity", Map.of("id", session, "sinceSeq", since, "limit", limit));
            page.get("entries").forEach(entries::add);
            if (page.get("entries").size() < limit) {
                return entries;
            }
            since = page.get("nextSeq").asLong();
        }
    }
}
