package io.browserhub.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What one client sends cannot take the hub down: it is refused, and everyone else carries on. */
@QuarkusTest
class MessageLimitsTest {

    private static final String DEEP = "[".repeat(10_000) + "]".repeat(10_000);

    @Test
    void aTenThousandDeepArrayOverHttpIsLimitReached() throws Exception {
        JsonNode r = postWithJdkClient(DEEP);
        assertEquals(-32008, r.at("/error/code").asInt(), r.toString());
        assertEquals("LIMIT_REACHED", r.at("/error/data/kind").asText());
        assertTrue(r.get("id").isNull());
        assertTrue(r.at("/error/message").asText().contains("flatter"), r.toString());
        assertNotNull(Hub.post("{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":2}").get("result"));
    }

    @Test
    void aTenThousandDeepArrayOverTheWebSocketIsLimitReachedAndTheConnectionStaysUsable() throws Exception {
        try (RpcClient client = Hub.connect(); RpcClient other = Hub.connect()) {
            client.sendRaw(DEEP);
            String answer = client.nextUnmatched(Duration.ofSeconds(30));
            assertNotNull(answer, "no answer to the deep array");
            JsonNode r = RpcClient.JSON.readTree(answer);
            assertEquals(-32008, r.at("/error/code").asInt(), answer);
            assertTrue(r.get("id").isNull());
            assertNotNull(client.call("hub.info").get("version"));
            assertNotNull(other.call("hub.info").get("version"));
        }
    }

    @Test
    void aTwentyMegabyteWebSocketMessageClosesOnlyThatConnection() throws Exception {
        try (RpcClient other = Hub.connect()) {
            RpcClient offender = Hub.connect();
            String huge = "{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":1,\"params\":{\"pad\":\"" + "x".repeat(20 << 20) + "\"}}";
            try {
                offender.sendRaw(huge);
            } catch (RuntimeException e) {
                // the hub may close the connection while the client is still writing
            }
            int code;
            try {
                code = offender.closed().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                code = -1; // the connection was cut without a close frame reaching the client
            }
            assertEquals(1009, code, "expected close 1009 (message too big)");
            assertEquals(null, offender.nextUnmatched(Duration.ZERO));
            offender.close();
            // the hub carries on: a client that was already connected, and a new one
            assertNotNull(other.call("hub.info").get("version"));
            try (RpcClient fresh = Hub.connect()) {
                assertNotNull(fresh.call("hub.info").get("version"));
            }
        }
    }

    /** rest-assured takes most of a minute to send a 10 000-deep body; the JDK's client takes milliseconds. */
    private static JsonNode postWithJdkClient(String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(Hub.base().resolve("/rpc"))
                .header("Authorization", "Bearer " + Hub.TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return RpcClient.JSON.readTree(response.body());
    }

    @Test
    void anHttpBodyOverTheLimitIsLimitReachedBeforeItIsRead() throws Exception {
        RawHttp.Response r = RawHttp.send("POST /rpc HTTP/1.1", "Host: 127.0.0.1:" + RawHttp.port(),
                "Authorization: Bearer " + Hub.TOKEN, "Content-Type: application/json",
                "Content-Length: " + (20 << 20));
        assertEquals(413, r.status());
        JsonNode body = RpcClient.JSON.readTree(r.body());
        assertEquals(-32008, body.at("/error/code").asInt(), r.body());
        assertTrue(body.at("/error/message").asText().contains("max-body-size"), r.body());
        assertTrue(body.get("id").isNull());
        assertNotNull(Hub.post("{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":2}").get("result"));
    }
}
