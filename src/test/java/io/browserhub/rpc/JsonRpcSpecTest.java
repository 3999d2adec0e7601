package io.browserhub.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of the JSON-RPC 2.0 specification (section 7), on both transports. */
@QuarkusTest
class JsonRpcSpecTest {

    @Test
    void invalidJsonIsAParseErrorWithNullId() {
        JsonNode r = Hub.post("{\"jsonrpc\": \"2.0\", \"method\": \"foobar, \"params\": \"bar\", \"baz]");
        assertError(r, -32700);
        assertTrue(r.get("id").isNull());
    }

    @Test
    void invalidRequestObject() {
        JsonNode r = Hub.post("{\"jsonrpc\": \"2.0\", \"method\": 1, \"params\": \"bar\"}");
        assertError(r, -32600);
        assertTrue(r.get("id").isNull());
    }

    @Test
    void batchWithInvalidJsonIsOneParseError() {
        JsonNode r = Hub.post("[{\"jsonrpc\": \"2.0\", \"method\": \"sum\", \"params\": [1,2,4], \"id\": \"1\"},{\"jsonrpc\": \"2.0\", \"method\"]");
        assertTrue(r.isObject(), r.toString());
        assertError(r, -32700);
    }

    @Test
    void emptyBatchIsOneInvalidRequest() {
        JsonNode r = Hub.post("[]");
        assertTrue(r.isObject(), "an empty batch answers one error object, not an array: " + r);
        assertError(r, -32600);
        assertTrue(r.get("id").isNull());
    }

    @Test
    void batchOfOneNonRequestAnswersAnArrayOfOneError() {
        JsonNode r = Hub.post("[1]");
        assertTrue(r.isArray());
        assertEquals(1, r.size());
        assertError(r.get(0), -32600);
    }

    @Test
    void batchOfThreeNonRequestsAnswersThreeErrors() {
        JsonNode r = Hub.post("[1,2,3]");
        assertEquals(3, r.size());
        r.forEach(e -> assertError(e, -32600));
    }

    @Test
    void mixedBatchAnswersEveryRequestButNotTheNotifications() {
        JsonNode r = Hub.post("""
                [
                  {"jsonrpc": "2.0", "method": "hub.info", "id": "1"},
                  {"jsonrpc": "2.0", "method": "hub.info", "params": {}},
                  {"jsonrpc": "2.0", "method": "session.list", "id": "2"},
                  {"foo": "boo"},
                  {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
                  {"jsonrpc": "2.0", "method": "hub.info", "id": "9"}
                ]""");
        assertTrue(r.isArray());
        assertEquals(5, r.size(), r.toString());
        Map<String, JsonNode> byId = new HashMap<>();
        r.forEach(e -> byId.put(e.get("id").isNull() ? "null" : e.get("id").asText(), e));
        assertTrue(byId.get("1").has("result"));
        assertTrue(byId.get("2").get("result").has("sessions"));
        assertError(byId.get("null"), -32600);
        assertError(byId.get("5"), -32601);
        assertTrue(byId.get("9").has("result"));
        assertEquals("2.0", byId.get("9").get("jsonrpc").asText());
    }

    @Test
    void allNotificationBatchAnswersNothing() {
        Hub.http().contentType("application/json")
                .body("[{\"jsonrpc\": \"2.0\", \"method\": \"hub.info\", \"params\": {}},{\"jsonrpc\": \"2.0\", \"method\": \"client.hello\", \"params\": {\"name\":\"n\"}}]")
                .post("/rpc").then().statusCode(204);
        assertNull(Hub.post("{\"jsonrpc\": \"2.0\", \"method\": \"no.such.method\"}"), "a notification gets no response, even a failing one");
    }

    @Test
    void idsAreEchoedAsGiven() {
        assertEquals("abc", Hub.post("{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":\"abc\"}").get("id").asText());
        assertEquals(42, Hub.post("{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":42}").get("id").asInt());
        JsonNode nullId = Hub.post("{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":null}");
        assertTrue(nullId.has("id") && nullId.get("id").isNull() && nullId.has("result"));
    }

    @Test
    void wrongVersionAndBadParamsAreRejected() {
        assertError(Hub.post("{\"jsonrpc\":\"1.0\",\"method\":\"hub.info\",\"id\":1}"), -32600);
        assertError(Hub.post("{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":{}}"), -32600);
        assertError(Hub.post("{\"jsonrpc\":\"2.0\",\"method\":\"session.get\",\"params\":[\"x\"],\"id\":1}"), -32602);
        JsonNode unknownParam = Hub.post("{\"jsonrpc\":\"2.0\",\"method\":\"session.get\",\"params\":{\"id\":\"x\",\"idd\":1},\"id\":1}");
        assertError(unknownParam, -32602);
        assertTrue(unknownParam.get("error").get("message").asText().contains("idd"));
        JsonNode wrongType = Hub.post("{\"jsonrpc\":\"2.0\",\"method\":\"session.get\",\"params\":{\"id\":5},\"id\":1}");
        assertError(wrongType, -32602);
        assertEquals("INVALID_PARAMS", wrongType.get("error").get("data").get("kind").asText());
    }

    @Test
    void theSameRulesHoldOnTheWebSocket() throws Exception {
        try (RpcClient client = Hub.connect()) {
            client.sendRaw("{\"jsonrpc\": \"2.0\", \"method\": \"foobar, \"params\": \"bar\", \"baz]");
            assertError(RpcClient.JSON.readTree(client.nextUnmatched(Duration.ofSeconds(10))), -32700);
            client.sendRaw("[]");
            assertError(RpcClient.JSON.readTree(client.nextUnmatched(Duration.ofSeconds(10))), -32600);
            client.sendRaw("[{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\"},{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":\"only\"}]");
            JsonNode batch = RpcClient.JSON.readTree(client.nextUnmatched(Duration.ofSeconds(10)));
            assertEquals(1, batch.size());
            assertEquals("only", batch.get(0).get("id").asText());
            client.sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\"}");
            assertNull(client.nextUnmatched(Duration.ofMillis(500)), "notifications get no response");
        }
    }

    @Test
    void discoverDescribesEveryMethodFromTheTable() {
        JsonNode doc = Hub.post("{\"jsonrpc\":\"2.0\",\"method\":\"rpc.discover\",\"id\":1}").get("result");
        assertEquals("1.3.2", doc.get("openrpc").asText());
        Map<String, JsonNode> methods = new HashMap<>();
        doc.get("methods").forEach(m -> methods.put(m.get("name").asText(), m));
        for (String name : new String[] {"hub.info", "client.hello", "session.create", "session.ensure", "tab.new", "page.goto",
            "page.click", "page.evaluate", "page.snapshot", "page.screenshot", "page.handleDialog", "input.mouse"}) {
            assertTrue(methods.containsKey(name), "rpc.discover lacks " + name);
        }
        JsonNode click = methods.get("page.click");
        assertTrue(click.get("params").toString().contains("\"selector\""));
        assertTrue(click.get("params").toString().contains("\"timeoutMs\""));
    }

    private static void assertError(JsonNode response, int code) {
        assertTrue(response.has("error"), "expected an error: " + response);
        assertEquals(code, response.get("error").get("code").asInt(), response.toString());
        assertEquals("2.0", response.get("jsonrpc").asText());
        assertTrue(!response.has("result"));
    }
}
