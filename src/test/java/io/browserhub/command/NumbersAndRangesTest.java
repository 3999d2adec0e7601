package io.browserhub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.SharedSessions;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JSON numbers reach the page as JavaScript numbers; integer parameters are range-checked, never wrapped. */
@QuarkusTest
class NumbersAndRangesTest {

    private static RpcClient agent;
    private static String session;

    @BeforeAll
    static void start() {
        agent = Hub.connect();
        session = SharedSessions.fresh(agent, "numbers", "static.html");
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    @Test
    void integersBeyond32BitsReachThePageAsNumbers() {
        JsonNode value = agent.call("page.evaluate", Map.of("session", session, "function",
                "(a) => [a.ts, typeof a.ts, a.big, a.ts + 1, a.nested[0] * 2]",
                "arg", Map.of("ts", 1_700_000_000_000L, "big", new BigInteger("123456789012345678901234567890"),
                        "nested", List.of(4_294_967_296L)))).get("value");
        assertEquals(1_700_000_000_000L, value.get(0).asLong());
        assertTrue(value.get(0).isIntegralNumber(), "an integral result comes back as an integer: " + value);
        assertEquals("number", value.get(1).asText());
        assertEquals(1.2345678901234568E29, value.get(2).asDouble(), "as JSON.parse would make it");
        assertEquals(1_700_000_000_001L, value.get(3).asLong());
        assertEquals(8_589_934_592L, value.get(4).asLong());
    }

    @Test
    void outOfRangeIntegersAreRefusedNotWrapped() {
        for (Map<String, Object> params : List.of(
                Map.<String, Object>of("session", session, "width", 2_147_483_648L, "height", 600),
                Map.<String, Object>of("session", session, "width", 4_294_968_576L, "height", 600), // 2^32 + 1280
                Map.<String, Object>of("session", session, "width", -1280, "height", 600))) {
            RpcError refused = assertThrows(RpcError.class, () -> agent.call("page.setViewport", params));
            assertEquals("INVALID_PARAMS", refused.kind(), params.toString());
            assertTrue(refused.getMessage().contains("16..7680"), refused.getMessage());
        }
        RpcError timeout = assertThrows(RpcError.class, () -> agent.call("page.waitFor",
                Map.of("session", session, "selector", "p", "timeoutMs", 1e30)));
        assertEquals("INVALID_PARAMS", timeout.kind());
        assertEquals("timeoutMs", timeout.data().get("param").asText());
        assertEquals("INVALID_PARAMS", assertThrows(RpcError.class, () -> agent.call("page.click",
                Map.of("session", session, "selector", "p", "clickCount", 0))).kind());
        assertEquals("INVALID_PARAMS", assertThrows(RpcError.class, () -> agent.call("session.create",
                Map.of("id", "numbers-wrapped", "viewport", Map.of("width", 4_294_968_576L, "height", 720)))).kind());
        JsonNode infinite = Hub.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"input.mouse\",\"params\":{\"session\":\""
                + session + "\",\"action\":\"move\",\"x\":1e999,\"y\":1}}");
        assertEquals("INVALID_PARAMS", infinite.at("/error/data/kind").asText(), "a number must be finite: " + infinite);
    }

    @Test
    void rpcDiscoverShowsEachIntegerRange() {
        JsonNode width = param("page.setViewport", "width");
        assertEquals(16, width.at("/schema/minimum").asInt());
        assertEquals(7680, width.at("/schema/maximum").asInt());
        JsonNode timeout = param("page.waitFor", "timeoutMs");
        assertEquals(0, timeout.at("/schema/minimum").asInt());
        assertEquals(86_400_000L, timeout.at("/schema/maximum").asLong());
        assertEquals(10_000, param("page.type", "delayMs").at("/schema/maximum").asInt());
    }

    private static JsonNode param(String method, String name) {
        for (JsonNode m : agent.call("rpc.discover").get("methods")) {
            if (m.get("name").asText().equals(method)) {
                for (JsonNode p : m.get("params")) {
                    if (p.get("name").asText().equals(name)) {
                        return p;
                    }
                }
            }
        }
        throw new AssertionError(method + " has no parameter " + name);
    }
}
