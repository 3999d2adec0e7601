package io.browserhub.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What careless or hostile JSON-RPC clients send: huge batches, trailing garbage, absurd ids. */
@QuarkusTest
class JsonRpcHardeningTest {

    @Test
    void aBatchOverTheLimitIsOneLimitReachedErrorAndOneAtTheLimitIsServed() {
        JsonNode refused = Hub.post(batch(101));
        assertTrue(refused.isObject(), "one error for the whole batch: " + refused);
        assertEquals("LIMIT_REACHED", refused.at("/error/data/kind").asText());
        assertEquals(100, refused.at("/error/data/maxBatch").asInt());
        assertTrue(refused.at("/error/message").asText().contains("browserhub.limits.batch-size"));
        assertTrue(refused.get("id").isNull());

        JsonNode served = Hub.post(batch(100));
        assertEquals(100, served.size());
        served.forEach(r -> assertTrue(r.has("result"), r.toString()));
    }

    @Test
    void webSocketMessagesAreParsedAndDispatchedOffTheEventLoop() throws Exception {
        try (RpcClient probe = Hub.connect()) {
            probe.call("client.hello", Map.of("name", "thread-probe-ws"));
            probe.call("hub.info");
        }
        String thread = DispatchThreadProbe.threadOf("thread-probe-ws hub.info");
        assertTrue(thread != null && thread.startsWith("rpc-dispatch-"), "hub.info over the WebSocket ran on " + thread);

        Hub.http().header("X-Browserhub-Client", "thread-probe-http").contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":1}").post("/rpc").then().statusCode(200);
        String httpThread = DispatchThreadProbe.threadOf("thread-probe-http hub.info");
        assertFalse(httpThread == null || httpThread.contains("eventloop"), "hub.info over HTTP ran on " + httpThread);
    }

    @Test
    void textAfterTheJsonValueIsAParseError() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":1} {\"jsonrpc\":\"2.0\",\"method\":\"session.delete\"}";
        JsonNode http = Hub.post(body);
        assertEquals(-32700, http.at("/error/code").asInt(), http.toString());
        assertTrue(http.get("id").isNull());
        try (RpcClient ws = Hub.connect()) {
            ws.sendRaw("[{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":2}] garbage");
            JsonNode answer = RpcClient.JSON.readTree(ws.nextUnmatched(Duration.ofSeconds(30)));
            assertEquals(-32700, answer.at("/error/code").asInt(), answer.toString());
        }
    }

    /**
     * JSON-RPC 2.0: the response's id MUST be the same value as the request's, and ids are strings, numbers or
     * null. 1e999999999 is a JSON number; as a double it would overflow to Infinity, which JSON cannot express (and
     * Jackson wrote as the string "Infinity", a different value and type). The hub keeps the number as written
     * (a decimal), so it echoes the same value, as a number.
     */
    @Test
    void aHugeNumericIdIsEchoedAsTheSameNumber() throws Exception {
        String text = Hub.http().contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":1e999999999}").post("/rpc").then().extract().asString();
        JsonNode response = RpcClient.JSON.readTree(text);
        assertTrue(response.has("result"), text);
        assertTrue(response.get("id").isNumber(), text);
        assertTrue(text.contains("\"id\":1E+999999999"), text);
        String fractional = Hub.http().contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":2.50}").post("/rpc").then().extract().asString();
        assertTrue(fractional.contains("\"id\":2.50"), "echoed as sent: " + fractional);
    }

    private static String batch(int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":").append(i).append('}');
        }
        return b.append(']').toString();
    }
}
