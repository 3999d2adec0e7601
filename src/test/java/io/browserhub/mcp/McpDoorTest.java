package io.browserhub.mcp;

import static io.browserhub.support.SharedSessions.client;
import static io.browserhub.support.SharedSessions.fresh;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.McpAgentClient;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The MCP door as a host meets it: /mcp behind the hub's token, Origin and Host checks, Playwright MCP's tool
 * names, the hub's own session and control tools, and an MCP session being a client like any other.
 */
@QuarkusTest
class McpDoorTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}";
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(10);

    @Test
    void anInitializeWithoutTheTokenIsRefusedBeforeTheMcpServerSeesIt() {
        given().contentType("application/json").accept("application/json, text/event-stream").body(INITIALIZE)
                .post("/mcp").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                .header("Mcp-Session-Id", (String) null);
        given().header("Authorization", "Bearer not-the-token").contentType("application/json")
                .accept("application/json, text/event-stream").body(INITIALIZE)
                .post("/mcp").then().statusCode(401);
        // the older HTTP+SSE transport's endpoints are behind the same check
        given().accept("text/event-stream").get("/mcp/sse").then().statusCode(401);
        given().contentType("application/json").body("{}").post("/mcp/messages/anything").then().statusCode(401);
    }

    @Test
    void aForeignOriginOrHostIsRefusedEvenWithTheToken() {
        Hub.http().header("Origin", "https://evil.example").contentType("application/json")
                .accept("application/json, text/event-stream").body(INITIALIZE).post("/mcp").then().statusCode(403);
        Hub.http().header("Host", "attacker.example").contentType("application/json")
                .accept("application/json, text/event-stream").body(INITIALIZE).post("/mcp").then().statusCode(403);
    }

    @Test
    void withTheTokenTheEndpointIsExactlySlashMcpAndAnswersJsonOrSse() {
        Hub.http().contentType("application/json").accept("application/json, text/event-stream").body(INITIALIZE)
                .post("/mcp").then().statusCode(200).header("Mcp-Session-Id", notNullValue())
                .body(containsString("\"serverInfo\""));
        Hub.http().contentType("application/json").accept("application/json, text/event-stream").body(INITIALIZE)
                .post("/mcp/").then().statusCode(200);
        // ?token= works too, and a GET with it is an MCP stream request, not a person's first visit (no sign-in redirect)
        given().queryParam("token", Hub.TOKEN).contentType("application/json").accept("application/json, text/event-stream")
                .body(INITIALIZE).post("/mcp").then().statusCode(200);
        given().redirects().follow(false).queryParam("token", Hub.TOKEN).accept("text/event-stream").get("/mcp")
                .then().statusCode(405);
    }

    @Test
    void toolsKeepPlaywrightMcpNamesAndArguments() {
        try (McpAgentClient agent = McpAgentClient.toHub("tool-lister", "mcp-tools")) {
            Map<String, McpSchema.Tool> tools = agent.tools().stream().collect(Collectors.toMap(McpSchema.Tool::name, t -> t));
            for (String name : List.of("browser_navigate", "browser_navigate_back", "browser_snapshot", "browser_click",
                    "browser_type", "browser_fill_form", "browser_select_option", "browser_hover", "browser_press_key",
                    "browser_wait_for", "browser_take_screenshot", "browser_tabs", "browser_evaluate", "browser_handle_dialog",
                    "browser_console_messages", "browser_network_requests", "browser_file_upload", "browser_resize",
                    "session_list", "session_open", "session_stop", "control_acquire", "control_release")) {
                assertTrue(tools.containsKey(name), "missing tool " + name + "; listed: " + tools.keySet());
            }
            assertArguments(tools, "browser_navigate", "url");
            assertArguments(tools, "browser_click", "element", "ref", "button", "doubleClick", "modifiers");
            assertArguments(tools, "browser_type", "element", "ref", "text", "submit", "slowly");
            assertArguments(tools, "browser_fill_form", "fields");
            assertArguments(tools, "browser_select_option", "element", "ref", "values");
            assertArguments(tools, "browser_hover", "element", "ref");
            assertArguments(tools, "browser_press_key", "key");
            assertArguments(tools, "browser_wait_for", "time", "text", "textGone");
            assertArguments(tools, "browser_take_screenshot", "type", "fullPage", "element", "ref");
            assertArguments(tools, "browser_tabs", "action", "index");
            assertArguments(tools, "browser_evaluate", "function", "element", "ref");
            assertArguments(tools, "browser_handle_dialog", "accept", "promptText");
            assertArguments(tools, "browser_file_upload", "paths");
            assertArguments(tools, "browser_resize", "width", "height");
            assertArguments(tools, "browser_snapshot", "selector", "maxChars");
            assertArguments(tools, "session_open", "id", "headless", "viewport", "locale", "timezoneId");
            assertArguments(tools, "control_acquire", "session", "wait");
            for (McpSchema.Tool tool : tools.values()) {
                if (tool.name().startsWith("browser_")) {
                    assertArguments(tools, tool.name(), "session");
                }
            }
            assertEquals(List.of("url"), tools.get("browser_navigate").inputSchema().get("required"));
            assertTrue(tools.get("browser_snapshot").annotations().readOnlyHint(), "a snapshot only reads");
            assertFalse(tools.get("browser_click").annotations().readOnlyHint());
        }
    }

    @Test
    void theDefaultSessionComesFromTheEndpointUrlAndIsCreatedOnFirstUse() {
        String session = "mcp-default-" + System.nanoTime();
        try (McpAgentClient agent = McpAgentClient.toHub("url-session-agent", session); RpcClient rpc = Hub.connect()) {
            assertSessionMissing(rpc, session);
            agent.text("browser_navigate", Map.of("url", TestPages.url("static.html")));
            assertEquals(TestPages.url("static.html"), rpc.call("page.url", Map.of("session", session)).get("url").asText());
        }
    }

    @Test
    void withoutSessionInTheUrlTheSessionIsDefault() {
        try (McpAgentClient agent = McpAgentClient.toHub("no-session-agent", null); RpcClient rpc = Hub.connect()) {
            agent.text("browser_navigate", Map.of("url", TestPages.url("second.html")));
            assertEquals(TestPages.url("second.html"), rpc.call("page.url", Map.of("session", "default")).get("url").asText());
        }
    }

    @Test
    void aSessionArgumentOverridesTheDefaultButIsNotCreatedByAccident() {
        try (McpAgentClient agent = McpAgentClient.toHub("argument-agent", "mcp-arg-default"); RpcClient rpc = Hub.connect()) {
            String other = fresh(rpc, "mcp-arg-other", "static.html");
            agent.text("browser_navigate", Map.of("url", TestPages.url("second.html"), "session", other));
            assertEquals(TestPages.url("second.html"), rpc.call("page.url", Map.of("session", other)).get("url").asText());

            String missing = agent.error("browser_snapshot", Map.of("session", "mcp-no-such-session"));
            assertTrue(missing.contains("mcp-no-such-session"), missing);
            assertSessionMissing(rpc, "mcp-no-such-session");
        }
    }

    @Test
    void sessionToolsOpenListAndStopSessions() {
        String id = "mcp-opened-" + System.nanoTime();
        try (McpAgentClient agent = McpAgentClient.toHub("session-agent", "mcp-session-tools"); RpcClient rpc = Hub.connect()) {
            String opened = agent.text("session_open", Map.of("id", id, "viewport", Map.of("width", 800, "height", 600)));
            assertTrue(opened.contains("Session \"" + id + "\" is running"), opened);
            assertTrue(opened.contains("### Snapshot"), "the new session's page is shown: " + opened);
            assertEquals(800, rpc.call("session.get", Map.of("id", id)).at("/viewport/width").asInt());

            agent.text("browser_navigate", Map.of("url", TestPages.url("links.html")));
            assertEquals(TestPages.url("links.html"), rpc.call("page.url", Map.of("session", id)).get("url").asText(),
                    "after session_open, browser tools address the opened session");
            String list = agent.text("session_list", Map.of());
            assertTrue(list.contains("- " + id + " (this connection's default): running, 1 tab, showing [Links]"), list);

            String stopped = agent.text("session_stop", Map.of("id", id));
            assertTrue(stopped.contains("is stopped"), stopped);
            assertEquals("stopped", rpc.call("session.get", Map.of("id", id)).get("state").asText());
            String resumed = agent.text("browser_snapshot", Map.of());
            assertTrue(resumed.contains("- Page URL: " + TestPages.url("links.html")), "a stopped session resumes where it was: " + resumed);
        }
    }

    @Test
    void anMcpClientHoldsControlUnderItsClientInfoNameUntilItsSessionEnds() throws InterruptedException {
        String session = "mcp-holder";
        try (RpcClient other = client("rpc-agent", "agent")) {
            fresh(other, session, "form.html");
            McpAgentClient agent = McpAgentClient.toHub("claude-code", session);
            try {
                String taken = agent.text("control_acquire", Map.of());
                assertTrue(taken.contains("You control session \"" + session + "\""), taken);
                RpcError refused = assertThrows(RpcError.class,
                        () -> other.call("page.click", Map.of("session", session, "selector", "#counter")));
                assertEquals("CONTROL_HELD", refused.kind());
                assertEquals("claude-code", refused.data().at("/holder/name").asText());
                assertEquals("agent", refused.data().at("/holder/kind").asText());
            } finally {
                agent.close(); // DELETE /mcp: the MCP session ends, and its lease with it
            }
            JsonNode status = awaitRelease(other, session);
            assertTrue(status.get("holder").isNull(), "the lease ended with the MCP session: " + status);
            other.call("page.click", Map.of("session", session, "selector", "#counter"));
        }
    }

    @Test
    void theOlderHttpSseTransportWorksAndItsClientEndsWhenTheStreamCloses() throws InterruptedException {
        String session = "mcp-over-sse";
        try (RpcClient rpc = Hub.connect()) {
            McpAgentClient agent = McpAgentClient.toHubOverSse("sse-host", session);
            try {
                agent.text("browser_navigate", Map.of("url", TestPages.url("links.html")));
                assertEquals(TestPages.url("links.html"), rpc.call("page.url", Map.of("session", session)).get("url").asText(),
                        "?session= of the SSE URL reaches the messages endpoint");
                agent.text("control_acquire", Map.of());
                assertEquals("sse-host", rpc.call("control.status", Map.of("session", session)).at("/holder/name").asText());
            } finally {
                agent.close();
            }
            // no DELETE on this transport: the closed stream ends the MCP session, and the sweep finds it
            assertTrue(awaitRelease(rpc, session).get("holder").isNull());
        }
    }

    @Test
    void controlReleaseGivesTheSessionBack() {
        String session = "mcp-release";
        try (RpcClient other = client("rpc-waiter", "agent"); McpAgentClient agent = McpAgentClient.toHub("releasing-agent", session)) {
            fresh(other, session, "form.html");
            agent.text("control_acquire", Map.of("ttlMs", 30000));
            assertEquals("releasing-agent", other.call("control.status", Map.of("session", session)).at("/holder/name").asText());
            assertTrue(agent.text("control_release", Map.of()).contains("Released control"));
            assertTrue(other.call("control.status", Map.of("session", session)).get("holder").isNull());
            assertTrue(agent.text("control_release", Map.of()).contains("did not hold control"));
        }
    }

    private static JsonNode awaitRelease(RpcClient rpc, String session) throws InterruptedException {
        long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
        JsonNode status = rpc.call("control.status", Map.of("session", session));
        while (!status.get("holder").isNull() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            status = rpc.call("control.status", Map.of("session", session));
        }
        return status;
    }

    private static void assertSessionMissing(RpcClient rpc, String session) {
        RpcError missing = assertThrows(RpcError.class, () -> rpc.call("session.get", Map.of("id", session)));
        assertEquals("SESSION_NOT_FOUND", missing.kind());
    }

    private static void assertArguments(Map<String, McpSchema.Tool> tools, String tool, String... names) {
        @SuppressWarnings("unchecked")
        Set<String> properties = ((Map<String, Object>) tools.get(tool).inputSchema().get("properties")).keySet();
        for (String name : names) {
            assertTrue(properties.contains(name), tool + " lacks argument " + name + "; it has " + properties);
        }
    }
}
