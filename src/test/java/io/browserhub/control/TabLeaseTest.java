package io.browserhub.control;

import static io.browserhub.support.SharedSessions.awaitEvent;
import static io.browserhub.support.SharedSessions.client;
import static io.browserhub.support.SharedSessions.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: several agents on one logged-in session, each in a tab of its own. Tab leases keep them off each other's
 * tabs, the session's own lease still wins (a person taking over), and one agent's long wait never stalls the others.
 */
@QuarkusTest
class TabLeaseTest {

    @Test
    void twoAgentsFillFormsInTheirOwnTabsAtOnceAndNeitherCanTouchTheOthers() throws Exception {
        try (RpcClient a = client("agent-a", "agent"); RpcClient b = client("agent-b", "agent")) {
            String s = fresh(a, "tabs-forms", null);
            String tabA = a.call("tab.new", Map.of("session", s, "url", TestPages.url("form.html"), "lease", true)).get("id").asText();
            String tabB = b.call("tab.new", Map.of("session", s, "url", TestPages.url("form.html"), "lease", true)).get("id").asText();
            assertNotEquals(tabA, tabB);

            // both at the same time, neither naming its tab: each client's commands go to the tab it holds
            CompletableFuture<Void> fillA = CompletableFuture.runAsync(() -> fill(a, s, "Ada", "ada@example.com"));
            CompletableFuture<Void> fillB = CompletableFuture.runAsync(() -> fill(b, s, "Bob", "bob@example.com"));
            CompletableFuture.allOf(fillA, fillB).join();
            assertEquals("Ada|ada@example.com", values(a, s, tabA));
            assertEquals("Bob|bob@example.com", values(b, s, tabB), "neither saw the other's input");

            RpcError refused = assertThrows(RpcError.class,
                    () -> b.call("page.click", Map.of("session", s, "tab", tabA, "selector", "#counter")));
            assertEquals("CONTROL_HELD", refused.kind());
            assertEquals("agent-a", refused.data().at("/holder/name").asText());
            assertEquals(tabA, refused.data().get("tab").asText());
            assertTrue(refused.message().contains("agent-a") && refused.message().contains(tabA), refused.message());
            assertEquals("0", a.call("page.text", Map.of("session", s, "tab", tabA, "selector", "#clicks")).get("text").asText(),
                    "the refused click never ran");
            assertTrue(b.call("page.snapshot", Map.of("session", s, "tab", tabA)).get("snapshot").asText().contains(": Ada"),
                    "reading another's tab stays open");
            RpcError script = assertThrows(RpcError.class, () -> b.call("page.evaluate", Map.of("session", s, "tab", tabA, "function", "() => 1")));
            assertEquals("CONTROL_HELD", script.kind(), "a script may change the page: it drives");

            JsonNode status = a.call("control.status", Map.of("session", s));
            assertTrue(status.get("holder").isNull(), "nobody holds the whole session");
            List<String> leased = new ArrayList<>();
            status.get("tabs").forEach(t -> leased.add(t.get("tab").asText() + "=" + t.at("/holder/name").asText()));
            assertEquals(List.of(tabA + "=agent-a", tabB + "=agent-b"), leased);
        }
    }

    @Test
    void aPersonTakingTheWholeSessionStopsBothAgentsUntilReleased() throws Exception {
        try (RpcClient a = client("agent-a", "agent"); RpcClient b = client("agent-b", "agent"); RpcClient ada = client("ada", "human")) {
            String s = fresh(a, "tabs-person", null);
            String tabA = a.call("tab.new", Map.of("session", s, "url", TestPages.url("form.html"), "lease", true)).get("id").asText();
            String tabB = b.call("tab.new", Map.of("session", s, "url", TestPages.url("form.html"), "lease", true)).get("id").asText();
            RpcError agentTakesAll = assertThrows(RpcError.class, () -> a.call("control.acquire", Map.of("session", s)));
            assertEquals("CONTROL_HELD", agentTakesAll.kind(), "an agent cannot take the session while another holds a tab");

            a.call("events.subscribe", Map.of("session", s, "kinds", List.of("control.changed")));
            ada.call("control.acquire", Map.of("session", s, "force", true));
            for (RpcClient agent : List.of(a, b)) {
                RpcError refused = assertThrows(RpcError.class, () -> agent.call("page.click", Map.of("session", s, "selector", "#counter")));
                assertEquals("ada", refused.data().at("/holder/name").asText());
            }
            ada.call("page.fill", Map.of("session", s, "tab", tabB, "selector", "#name", "value", "typed by ada"));

            ada.call("control.release", Map.of("session", s));
            a.call("page.click", Map.of("session", s, "selector", "#counter"));
            b.call("page.click", Map.of("session", s, "selector", "#counter"));
            assertEquals("1", a.call("page.text", Map.of("session", s, "tab", tabA, "selector", "#clicks")).get("text").asText());
            assertEquals("typed by ada", b.call("page.evaluate", Map.of("session", s, "tab", tabB, "function",
                    "() => document.querySelector('#name').value")).get("value").asText());

            // closing its tab ends the agent's lease, and the change names the tab
            a.call("tab.close", Map.of("session", s, "tab", tabA));
            JsonNode ended = awaitEvent(a, "control.changed", e -> tabA.equals(e.path("tab").asText()) && "tab closed".equals(e.at("/data/reason").asText()));
            assertEquals(tabA, ended.at("/data/tab").asText());
        }
    }

    @Test
    void oneAgentsLongWaitInItsTabDoesNotHoldUpAnotherAgentInAnother() throws Exception {
        try (RpcClient a = client("agent-a", "agent"); RpcClient b = client("agent-b", "agent")) {
            String s = fresh(a, "tabs-wait", null);
            a.call("tab.new", Map.of("session", s, "url", TestPages.url("signal.html"), "lease", true));
            b.call("tab.new", Map.of("session", s, "url", TestPages.url("signal.html"), "lease", true));

            CompletableFuture<JsonNode> wait = a.send("page.waitFor", Map.of("session", s, "selector", "#arrived", "timeoutMs", 60_000));
            // a's next command in its own tab keeps its place behind the wait
            CompletableFuture<JsonNode> afterWait = a.send("page.evaluate", Map.of("session", s, "function", "() => 'after'"));
            for (int i = 0; i < 20; i++) {
                b.call("page.click", Map.of("session", s, "selector", "#counter"));
                assertFalse(wait.isDone(), "a's wait is still on while b's commands answered: " + (i + 1));
            }
            assertEquals("20", b.call("page.text", Map.of("session", s, "selector", "#clicks")).get("text").asText());
            assertFalse(afterWait.isDone(), "a's command after its wait waits for it: one tab, one order");

            // b signals from its own tab; a's tab hears it (localStorage), and a's wait ends
            b.call("page.evaluate", Map.of("session", s, "function", "() => signal()"));
            assertTrue(wait.get().has("result"), wait.get().toString());
            assertEquals("after", afterWait.get().at("/result/value").asText());
        }
    }

    private static void fill(RpcClient agent, String s, String name, String email) {
        for (int i = 0; i < 5; i++) {
            agent.call("page.fill", Map.of("session", s, "selector", "#name", "value", name));
            agent.call("page.fill", Map.of("session", s, "selector", "#email", "value", email));
        }
    }

    private static String values(RpcClient reader, String s, String tab) {
        return reader.call("page.evaluate", Map.of("session", s, "tab", tab, "function",
                "() => document.querySelector('#name').value + '|' + document.querySelector('#email').value")).get("value").asText();
    }
}
