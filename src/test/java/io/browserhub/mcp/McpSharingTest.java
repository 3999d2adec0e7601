package io.browserhub.mcp;

import static io.browserhub.support.McpAgentClient.ref;
import static io.browserhub.support.SharedSessions.activity;
import static io.browserhub.support.SharedSessions.client;
import static io.browserhub.support.SharedSessions.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.McpAgentClient;
import io.browserhub.support.RpcClient;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * What an agent in an MCP host gains over Playwright MCP: the session is the hub's, so JSON-RPC clients and
 * people see the same page, a person's control lease stops the agent with a sentence naming them, the activity
 * log says who did what, and the session outlives the agent.
 */
@QuarkusTest
class McpSharingTest {

    @Test
    void jsonRpcClientsSeeTheSamePageAndTheActivityLogNamesTheMcpClient() {
        try (RpcClient rpc = Hub.connect(); McpAgentClient agent = McpAgentClient.toHub("cursor-agent", "mcp-shared")) {
            fresh(rpc, "mcp-shared", null);
            String page = agent.text("browser_navigate", Map.of("url", TestPages.url("form.html")));
            agent.text("browser_click", Map.of("ref", ref(page, "button \"Count clicks\"")));
            assertEquals("1", rpc.call("page.text", Map.of("session", "mcp-shared", "selector", "#clicks")).get("text").asText());

            rpc.call("page.fill", Map.of("session", "mcp-shared", "selector", "#name", "value", "from JSON-RPC"));
            String snapshot = agent.text("browser_snapshot", Map.of());
            assertTrue(snapshot.contains(": from JSON-RPC"), "and the agent reads what the JSON-RPC client did: " + snapshot);
            assertEquals("from JSON-RPC", agent.text("browser_evaluate", Map.of("function", "() => document.querySelector('#name').value"))
                    .replace("### Result\n", "").replace("\"", ""));

            List<JsonNode> commands = activity(rpc, "mcp-shared").stream().filter(e -> e.path("kind").asText().equals("command")).toList();
            JsonNode click = commands.stream().filter(e -> e.at("/data/method").asText().equals("page.click")).findFirst().orElseThrow();
            assertEquals("cursor-agent", click.at("/data/client/name").asText());
            assertEquals("agent", click.at("/data/client/kind").asText());
            assertTrue(click.at("/data/selector").asText().startsWith("aria-ref="), click.toString());
            assertEquals("ok", click.at("/data/outcome").asText());
        }
    }

    @Test
    void twoAgentsWithTabsOfTheirOwnShareOneSessionAndEachSnapshotShowsOnlyItsOwnTab() {
        try (RpcClient rpc = Hub.connect();
             McpAgentClient first = McpAgentClient.toHubInOwnTab("agent-one", "mcp-own");
             McpAgentClient second = McpAgentClient.toHubInOwnTab("agent-two", "mcp-own")) {
            fresh(rpc, "mcp-own", null);
            first.text("browser_navigate", Map.of("url", TestPages.url("form.html")));
            second.text("browser_navigate", Map.of("url", TestPages.url("links.html")));

            String one = first.text("browser_snapshot", Map.of());
            String two = second.text("browser_snapshot", Map.of());
            assertTrue(one.contains("Count clicks") && !one.contains(TestPages.url("links.html")), one);
            assertTrue(two.contains(TestPages.url("links.html")) && !two.contains("Count clicks"), two);

            JsonNode status = rpc.call("control.status", Map.of("session", "mcp-own"));
            List<String> holders = new java.util.ArrayList<>();
            status.get("tabs").forEach(t -> holders.add(t.at("/holder/name").asText()));
            assertEquals(List.of("agent-one", "agent-two"), holders, "each agent holds its own tab's lease");
            assertEquals(3, rpc.call("tab.list", Map.of("session", "mcp-own")).get("tabs").size(), "the session's first tab and two own tabs");
        }
    }

    @Test
    void aPersonsLeaseRefusesTheAgentsClickWithTheirNameButLetsItRead() {
        try (RpcClient alice = client("alice", "human"); McpAgentClient agent = McpAgentClient.toHub("claude-desktop", "mcp-human")) {
            fresh(alice, "mcp-human", "form.html");
            String page = agent.text("browser_snapshot", Map.of());
            alice.call("control.acquire", Map.of("session", "mcp-human"));

            String refused = agent.error("browser_click", Map.of("element", "Count clicks", "ref", ref(page, "button \"Count clicks\"")));
            assertTrue(refused.startsWith("### Error\nSession \"mcp-human\" is controlled by human \"alice\""), refused);
            assertEquals("0", alice.call("page.text", Map.of("session", "mcp-human", "selector", "#clicks")).get("text").asText(),
                    "the refused click never ran");
            assertTrue(agent.text("browser_snapshot", Map.of()).contains("button \"Count clicks\""), "reading stays open");
            String taking = agent.error("control_acquire", Map.of());
            assertTrue(taking.contains("human \"alice\""), taking);

            alice.call("control.release", Map.of("session", "mcp-human"));
            String clicked = agent.text("browser_click", Map.of("ref", ref(page, "button \"Count clicks\"")));
            assertTrue(clicked.contains("1 clicks"), clicked);
        }
    }

    @Test
    void theSessionOutlivesTheMcpClient() {
        try (RpcClient rpc = Hub.connect()) {
            fresh(rpc, "mcp-outlives", null);
            try (McpAgentClient first = McpAgentClient.toHub("first-agent", "mcp-outlives")) {
                String page = first.text("browser_navigate", Map.of("url", TestPages.url("form.html")));
                first.text("browser_type", Map.of("ref", ref(page, "textbox \"Name\""), "text", "still here"));
            }
            JsonNode info = rpc.call("session.get", Map.of("id", "mcp-outlives"));
            assertEquals("running", info.get("state").asText());
            assertEquals(TestPages.url("form.html"), info.at("/tabs/0/url").asText());

            try (McpAgentClient second = McpAgentClient.toHub("second-agent", "mcp-outlives")) {
                String value = second.text("browser_evaluate", Map.of("function", "() => document.querySelector('#name').value"));
                assertTrue(value.contains("still here"), "the next agent finds the page as the first left it: " + value);
            }
        }
    }

    @Test
    void twoMcpClientsDriveTwoSessionsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (RpcClient rpc = Hub.connect();
             McpAgentClient a = McpAgentClient.toHub("agent-a", "mcp-a");
             McpAgentClient b = McpAgentClient.toHub("agent-b", "mcp-b")) {
            CompletableFuture<String> onA = CompletableFuture.supplyAsync(() -> drive(a, "form.html", "button \"Count clicks\""), pool);
            CompletableFuture<String> onB = CompletableFuture.supplyAsync(() -> drive(b, "links.html", "link \"Second page\""), pool);
            assertTrue(onA.get().contains("1 clicks"), onA.get());
            assertTrue(onB.get().contains("- Page URL: " + TestPages.url("second.html")), onB.get());
            assertEquals(TestPages.url("form.html"), rpc.call("page.url", Map.of("session", "mcp-a")).get("url").asText());
            assertEquals(TestPages.url("second.html"), rpc.call("page.url", Map.of("session", "mcp-b")).get("url").asText());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Navigates, then clicks the element on the line that contains {@code line}, several times over. */
    private static String drive(McpAgentClient agent, String page, String line) {
        String last = "";
        for (int i = 0; i < 3; i++) {
            String shown = agent.text("browser_navigate", Map.of("url", TestPages.url(page)));
            last = agent.text("browser_click", Map.of("ref", ref(shown, line)));
        }
        return last;
    }
}
