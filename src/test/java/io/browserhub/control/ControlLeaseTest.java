package io.browserhub.control;

import static io.browserhub.support.SharedSessions.awaitEvent;
import static io.browserhub.support.SharedSessions.client;
import static io.browserhub.support.SharedSessions.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several agents and a person on one session: control leases decide who drives, everyone may read. */
@QuarkusTest
class ControlLeaseTest {

    @Inject
    ControlLeases leases;

    private static final String PAGE = "sharing-control.html";

    @Test
    void whileOneAgentHoldsControlAnotherMayReadButNotDrive() {
        try (RpcClient a = client("agent-a", "agent"); RpcClient b = client("agent-b", "agent")) {
            String s = fresh(a, "sharing-turns", PAGE);

            JsonNode acquired = a.call("control.acquire", Map.of("session", s));
            assertEquals("agent-a", acquired.at("/holder/name").asText());
            assertEquals("agent", acquired.at("/holder/kind").asText());
            a.call("page.click", Map.of("session", s, "selector", "#inc"));

            RpcError refused = assertThrows(RpcError.class, () -> b.call("page.click", Map.of("session", s, "selector", "#inc")));
            assertEquals(-32004, refused.code());
            assertEquals("CONTROL_HELD", refused.kind());
            assertEquals("agent-a", refused.data().at("/holder/name").asText());
            assertEquals("agent", refused.data().at("/holder/kind").asText());
            assertTrue(refused.message().contains("agent-a"), refused.message());

            assertEquals("sharing control", b.call("page.title", Map.of("session", s)).get("title").asText());
            JsonNode status = b.call("control.status", Map.of("session", s));
            assertEquals("agent-a", status.at("/holder/name").asText());
            assertEquals(0, status.get("waiting").asInt());
            JsonNode info = b.call("session.get", Map.of("id", s));
            assertEquals("agent-a", info.at("/controller/name").asText());
            assertEquals("agent", info.at("/controller/kind").asText());
            assertFalse(info.at("/controller/since").asText().isEmpty());

            assertFalse(b.call("control.release", Map.of("session", s)).get("released").asBoolean(), "b held nothing");
            assertTrue(a.call("control.release", Map.of("session", s)).get("released").asBoolean());
            assertTrue(b.call("session.get", Map.of("id", s)).get("controller").isNull());

            b.call("page.click", Map.of("session", s, "selector", "#inc"));
            assertEquals(2, b.call("page.evaluate", Map.of("session", s, "function", "() => window.clicks")).get("value").asInt(),
                    "a's click and b's click after the release; b's refused click never ran");
        }
    }

    @Test
    void aWaitingAgentGetsControlWhenTheHolderDisconnects() throws Exception {
        try (RpcClient a = client("agent-waiting", "agent")) {
            RpcClient b = client("agent-leaving", "agent");
            String s = fresh(a, "sharing-wait", PAGE);
            b.call("control.acquire", Map.of("session", s));

            CompletableFuture<JsonNode> waiting = a.send("control.acquire", Map.of("session", s, "wait", true, "timeoutMs", 2000));
            awaitWaiting(a, s, 1);
            b.close();

            JsonNode granted = RpcClient.await(waiting);
            assertEquals("agent-waiting", granted.at("/holder/name").asText());
            JsonNode changed = awaitEvent(a, "control.changed", e -> e.at("/data/reason").asText().equals("disconnected"));
            assertEquals("agent-leaving", changed.at("/data/previous/name").asText());
            assertEquals("agent-waiting", changed.at("/data/holder/name").asText());
            a.call("page.click", Map.of("session", s, "selector", "#inc"));
        }
    }

    @Test
    void deletingASessionTellsWhoWaitsForItsControlAtOnceAndKeepsNothingOfIt() throws Exception {
        try (RpcClient holder = client("agent-deleting", "agent"); RpcClient inLine = client("agent-in-line", "agent")) {
            String s = fresh(holder, "sharing-deleted", null);
            holder.call("control.acquire", Map.of("session", s));
            CompletableFuture<JsonNode> waiting = inLine.send("control.acquire", Map.of("session", s, "wait", true, "timeoutMs", 120_000));
            awaitWaiting(inLine, s, 1);
            assertTrue(leases.holds(s));

            holder.call("session.delete", Map.of("id", s));
            JsonNode answer = waiting.get(30, TimeUnit.SECONDS); // not the 120 s of its wait
            assertEquals("SESSION_NOT_FOUND", answer.at("/error/data/kind").asText(), "the waiter hears the session is gone: " + answer);
            assertTrue(answer.at("/error/message").asText().contains("deleted"), answer.toString());
            assertFalse(leases.holds(s), "the deleted session's leases are gone");
        }
    }

    @Test
    void waitingEndsWithTimeoutWhenNobodyReleases() {
        try (RpcClient a = client("agent-impatient", "agent"); RpcClient b = client("agent-holding", "agent")) {
            String s = fresh(a, "sharing-timeout", null);
            b.call("control.acquire", Map.of("session", s));
            RpcError timeout = assertThrows(RpcError.class,
                    () -> a.call("control.acquire", Map.of("session", s, "wait", true, "timeoutMs", 300)));
            assertEquals("TIMEOUT", timeout.kind());
            assertEquals("agent-holding", timeout.data().at("/holder/name").asText());
            assertEquals(0, a.call("control.status", Map.of("session", s)).get("waiting").asInt(), "a left the line");
        }
    }

    @Test
    void aPersonTakesOverFromAnAgentWhoIsToldAndCannotTakeItBack() throws Exception {
        try (RpcClient agent = client("agent-overruled", "agent"); RpcClient alice = client("alice", "human")) {
            String s = fresh(agent, "sharing-force", PAGE);
            agent.call("control.acquire", Map.of("session", s));

            RpcError notWithoutForce = assertThrows(RpcError.class, () -> alice.call("control.acquire", Map.of("session", s)));
            assertEquals("CONTROL_HELD", notWithoutForce.kind());
            JsonNode forced = alice.call("control.acquire", Map.of("session", s, "force", true));
            assertEquals("alice", forced.at("/holder/name").asText());
            assertEquals("human", forced.at("/holder/kind").asText());

            // the agent never subscribed, and still hears that it lost control
            JsonNode changed = awaitEvent(agent, "control.changed", e -> e.at("/data/reason").asText().equals("forced"));
            assertEquals(s, changed.get("session").asText());
            assertEquals("alice", changed.at("/data/holder/name").asText());
            assertEquals("agent-overruled", changed.at("/data/previous/name").asText());

            RpcError held = assertThrows(RpcError.class, () -> agent.call("page.click", Map.of("session", s, "selector", "#inc")));
            assertEquals("CONTROL_HELD", held.kind());
            assertEquals(Map.of("name", "alice", "kind", "human"),
                    Map.of("name", held.data().at("/holder/name").asText(), "kind", held.data().at("/holder/kind").asText()));
            RpcError noForceForAgents = assertThrows(RpcError.class,
                    () -> agent.call("control.acquire", Map.of("session", s, "force", true)));
            assertEquals("CONTROL_HELD", noForceForAgents.kind());
            assertEquals("alice", alice.call("control.status", Map.of("session", s)).at("/holder/name").asText());
        }
    }

    @Test
    void commandsQueuedByThePreviousHolderDoNotRunAfterControlMoved() throws Exception {
        try (RpcClient agent = client("agent-queued", "agent"); RpcClient bob = client("bob", "human")) {
            String s = fresh(agent, "sharing-queued", PAGE);
            bob.call("events.subscribe", Map.of("session", s, "kinds", List.of("page.dialog")));
            agent.call("control.acquire", Map.of("session", s));

            // the agent's first click opens an alert and stays on the actor until the dialog is answered ...
            CompletableFuture<JsonNode> blocked = agent.send("page.click", Map.of("session", s, "selector", "#alert"));
            awaitEvent(bob, "page.dialog", e -> true);
            // ... so its second click waits in the session's queue, admitted while the agent still held control
            CompletableFuture<JsonNode> queued = agent.send("page.click", Map.of("session", s, "selector", "#inc"));
            agent.call("control.status", Map.of("session", s)); // answered after the click above was queued

            bob.call("control.acquire", Map.of("session", s, "force", true));
            bob.call("page.handleDialog", Map.of("session", s, "accept", true));

            RpcClient.await(blocked); // it was already running when control moved: it finishes
            RpcError refused = assertThrows(RpcError.class, () -> RpcClient.await(queued));
            assertEquals("CONTROL_HELD", refused.kind());
            assertEquals("bob", refused.data().at("/holder/name").asText());
            assertTrue(refused.message().contains("waited in the queue"), refused.message());
            assertEquals(0, bob.call("page.evaluate", Map.of("session", s, "function", "() => window.clicks")).get("value").asInt(),
                    "the queued click must not have run");
        }
    }

    @Test
    void aLeaseExpiresAfterItsTtlWithoutCommands() throws Exception {
        try (RpcClient idle = client("agent-idle", "agent"); RpcClient next = client("agent-next", "agent")) {
            String s = fresh(idle, "sharing-ttl", null);
            assertEquals(1000, idle.call("control.acquire", Map.of("session", s, "ttlMs", 1000)).get("ttlMs").asInt());
            JsonNode granted = next.call("control.acquire", Map.of("session", s, "wait", true, "timeoutMs", 30000));
            assertEquals("agent-next", granted.at("/holder/name").asText());
            JsonNode changed = awaitEvent(idle, "control.changed", e -> e.at("/data/reason").asText().equals("expired"));
            assertEquals("agent-next", changed.at("/data/holder/name").asText());
        }
    }

    @Test
    void namedHttpClientsKeepTheirLeaseAcrossRequestsAndGetNoEvents() {
        try (RpcClient ws = client("agent-ws", "agent")) {
            String s = fresh(ws, "sharing-http", PAGE);
            JsonNode acquired = httpCall("curl-bot", "control.acquire", "{\"session\":\"" + s + "\"}");
            assertEquals("curl-bot", acquired.at("/result/holder/name").asText(), acquired.toString());

            RpcError refused = assertThrows(RpcError.class, () -> ws.call("page.click", Map.of("session", s, "selector", "#inc")));
            assertEquals("curl-bot", refused.data().at("/holder/name").asText());
            JsonNode click = httpCall("curl-bot", "page.click", "{\"session\":\"" + s + "\",\"selector\":\"#inc\"}");
            assertTrue(click.has("result"), click.toString());
            JsonNode anonymous = Hub.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"page.click\",\"params\":{\"session\":\"" + s
                    + "\",\"selector\":\"#inc\"}}");
            assertEquals(-32004, anonymous.at("/error/code").asInt(), anonymous.toString());
            JsonNode anonymousAcquire = Hub.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"control.acquire\",\"params\":{\"session\":\""
                    + s + "\",\"wait\":true}}");
            assertEquals("INVALID_REQUEST", anonymousAcquire.at("/error/data/kind").asText(),
                    "nothing could ever use or release a lease taken by an anonymous request: " + anonymousAcquire);

            JsonNode subscribe = httpCall("curl-bot", "events.subscribe", "{\"session\":\"" + s + "\"}");
            assertEquals("INVALID_REQUEST", subscribe.at("/error/data/kind").asText(), subscribe.toString());
            assertTrue(httpCall("curl-bot", "control.release", "{\"session\":\"" + s + "\"}").at("/result/released").asBoolean());
        }
    }

    @Test
    void rpcDiscoverDocumentsTheSharingMethods() {
        try (RpcClient c = Hub.connect()) {
            JsonNode methods = c.call("rpc.discover").get("methods");
            Map<String, List<String>> params = new java.util.HashMap<>();
            Map<String, String> access = new java.util.HashMap<>();
            methods.forEach(m -> {
                List<String> names = new java.util.ArrayList<>();
                m.get("params").forEach(p -> names.add(p.get("name").asText()));
                params.put(m.get("name").asText(), names);
                access.put(m.get("name").asText(), m.get("x-access").asText());
            });
            assertEquals(List.of("session", "tab", "wait", "timeoutMs", "ttlMs", "force"), params.get("control.acquire"));
            assertEquals(List.of("session", "tab"), params.get("control.release"));
            assertEquals(List.of("session"), params.get("control.status"));
            assertEquals(List.of("session", "kinds"), params.get("events.subscribe"));
            assertEquals(List.of("session"), params.get("events.unsubscribe"));
            assertEquals(List.of("id", "sinceSeq", "limit"), params.get("session.activity"));
            assertEquals("read", access.get("control.status"));
            assertEquals("drive", access.get("page.click"));
        }
    }

    private static JsonNode httpCall(String client, String method, String params) {
        String text = Hub.http().header("X-Browserhub-Client", client).contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}")
                .post("/rpc").then().extract().asString();
        try {
            return RpcClient.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }

    /** Polls control.status until n clients wait; bounded by the number of tries, not by time. */
    private static void awaitWaiting(RpcClient client, String s, int n) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (client.call("control.status", Map.of("session", s)).get("waiting").asInt() == n) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(n + " waiting clients never showed in control.status");
    }
}
