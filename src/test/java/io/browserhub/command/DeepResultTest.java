package io.browserhub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.SharedSessions;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A result too deep to bring back is a clear LIMIT_REACHED, whatever the depth: not a SCRIPT_ERROR about reference
 * chains, not a silent null, and never a session whose Playwright died reading it.
 */
@QuarkusTest
class DeepResultTest {

    private static final String NESTED = "(n) => { const root = {}; let c = root; for (let i = 1; i < n; i++) { c.a = {}; c = c.a; } return root; }";
    private static final String ARRAYS = "(n) => { const root = []; let c = root; for (let i = 1; i < n; i++) { const d = []; c.push(d); c = d; } return root; }";

    @Test
    void deepResultsAreLimitReachedAndTheSessionCarriesOn() {
        try (RpcClient agent = Hub.connect()) {
            String s = SharedSessions.fresh(agent, "deep-results", "static.html");
            assertEquals(64, depth(agent.call("page.evaluate", Map.of("session", s, "function", NESTED, "arg", 64)).get("value")),
                    "64 levels come back whole");
            for (int n : new int[] {65, 90, 500, 5000, 100_000}) {
                for (String function : new String[] {NESTED, ARRAYS}) {
                    RpcError refused = assertThrows(RpcError.class, () -> agent.call("page.evaluate",
                            Map.of("session", s, "function", function, "arg", n)), n + " levels");
                    assertEquals("LIMIT_REACHED", refused.kind(), n + " levels: " + refused.getMessage());
                    assertTrue(refused.getMessage().contains("64 levels"), refused.getMessage());
                }
            }
            assertEquals("static", agent.call("page.title", Map.of("session", s)).get("title").asText(), "the session still answers");
            // cycles are no depth: refused as before, with the path
            assertEquals("INVALID_PARAMS", assertThrows(RpcError.class, () -> agent.call("page.evaluate",
                    Map.of("session", s, "function", "() => { const o = {}; o.self = o; return o; }"))).kind());
        }
    }

    @Test
    void evaluateStillWorksOnAPageThatForbidsEvalAndWithExpressions() {
        try (RpcClient agent = Hub.connect()) {
            String s = SharedSessions.fresh(agent, "deep-csp", "csp.html");
            assertEquals("no eval here", agent.call("page.evaluate", Map.of("session", s, "function",
                    "() => document.getElementById('p').textContent")).get("value").asText());
            assertEquals(3, agent.call("page.evaluate", Map.of("session", s, "function", "async (a) => a + 1", "arg", 2)).get("value").asInt());
            assertEquals("strict csp", agent.call("page.evaluate", Map.of("session", s, "function", "document.title;")).get("value").asText(),
                    "an expression, as Playwright takes it, trailing semicolon and all");
            RpcError thrown = assertThrows(RpcError.class, () -> agent.call("page.evaluate", Map.of("session", s, "function",
                    "() => { throw new TypeError('nope'); }")));
            assertEquals("SCRIPT_ERROR", thrown.kind());
            assertEquals("TypeError", thrown.data().get("name").asText());
            assertTrue(!thrown.data().get("stack").asText().contains("browserhub-evaluate"), thrown.data().toString());
        }
    }

    @Test
    void activityWithANonNumericSinceSeqIsABadRequest() {
        try (RpcClient agent = Hub.connect()) {
            SharedSessions.fresh(agent, "deep-activity", null);
        }
        Hub.http().get("/api/sessions/deep-activity/activity?sinceSeq=abc").then().statusCode(400)
                .body("error.data.kind", org.hamcrest.Matchers.equalTo("INVALID_PARAMS"))
                .body("error.message", org.hamcrest.Matchers.containsString("sinceSeq"));
        Hub.http().get("/api/sessions/deep-activity/activity?limit=0").then().statusCode(400);
        Hub.http().get("/api/sessions/deep-activity/activity?sinceSeq=0&limit=5").then().statusCode(200);
        TestPages.base();
    }

    private static int depth(com.fasterxml.jackson.databind.JsonNode node) {
        int d = 0;
        for (com.fasterxml.jackson.databind.JsonNode n = node; n != null && n.isContainerNode(); n = n.get("a")) {
            d++;
        }
        return d;
    }
}
