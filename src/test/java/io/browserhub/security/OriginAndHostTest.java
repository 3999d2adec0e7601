package io.browserhub.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A web page elsewhere cannot use the hub, even when the browser holds the token; nor can a rebound DNS name. */
@QuarkusTest
class OriginAndHostTest {

    @Test
    void aWebSocketFromAForeignOriginIsRefusedBeforeTheUpgrade() {
        CompletionException e = assertThrows(CompletionException.class, () -> RpcClient.connect(Hub.base(),
                Map.of("Authorization", "Bearer " + Hub.TOKEN, "Origin", "https://evil.example")).close());
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(403, refused.getResponse().statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d", "http://localhost:%d", "http://[::1]:%d"})
    void aWebSocketFromTheHubsOwnOriginWorks(String origin) {
        try (RpcClient client = RpcClient.connect(Hub.base(),
                Map.of("Authorization", "Bearer " + Hub.TOKEN, "Origin", origin.formatted(Hub.base().getPort())))) {
            assertNotNull(client.call("hub.info").get("version"));
        }
    }

    @Test
    void theHubsOwnOriginOnAnotherPortIsAnotherOrigin() {
        // e.g. a development server on the same machine: same site for cookies, but not the hub
        int otherPort = Hub.base().getPort() + 1;
        assertThrows(CompletionException.class, () -> RpcClient.connect(Hub.base(),
                Map.of("Authorization", "Bearer " + Hub.TOKEN, "Origin", "http://127.0.0.1:" + otherPort)).close());
    }

    @Test
    void aStateChangingRequestFromAForeignOriginIsRefusedBeforeAnyHandler() throws Exception {
        var r = Hub.http().header("Origin", "https://evil.example").contentType("application/json")
                .body("{\"id\": \"origin-probe\"}").post("/api/sessions");
        assertEquals(403, r.statusCode());
        assertEquals("UNAUTHORIZED", RpcClient.JSON.readTree(r.asString()).at("/error/data/kind").asText());
        // the session was never created: no handler ran
        Hub.http().get("/api/sessions/origin-probe").then().statusCode(404);

        var rpc = Hub.http().header("Origin", "null").contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":1}").post("/rpc");
        assertEquals(403, rpc.statusCode());
        JsonNode body = RpcClient.JSON.readTree(rpc.asString());
        assertEquals(-32009, body.at("/error/code").asInt());
        assertTrue(body.get("id").isNull());
    }

    @Test
    void noOriginMeansANonBrowserClientAndIsAllowedWithTheToken() {
        Hub.http().contentType("application/json").body("{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":1}")
                .post("/rpc").then().statusCode(200);
    }

    @Test
    void aForeignHostIsRefusedEvenWithTheToken() throws Exception {
        RawHttp.Response r = RawHttp.send("GET /api/sessions HTTP/1.1", "Host: attacker.example:" + RawHttp.port(),
                "Authorization: Bearer " + Hub.TOKEN, "Connection: close");
        assertEquals(403, r.status());
        assertTrue(r.body().contains("allowed-hosts"), r.body());

        RawHttp.Response noHost = RawHttp.send("GET /api/sessions HTTP/1.0", "Authorization: Bearer " + Hub.TOKEN);
        assertEquals(403, noHost.status());
    }

    @Test
    void aWebSocketUpgradeWithAForeignHostIsRefused() throws Exception {
        RawHttp.Response r = RawHttp.send("GET /rpc HTTP/1.1", "Host: attacker.example",
                "Authorization: Bearer " + Hub.TOKEN, "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13");
        assertEquals(403, r.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:%d", "localhost:%d", "[::1]:%d", "LOCALHOST:%d", "127.0.0.1"})
    void theHubsOwnHostNamesWork(String host) throws Exception {
        RawHttp.Response r = RawHttp.send("GET /api/sessions HTTP/1.1", "Host: " + host.formatted(RawHttp.port()),
                "Authorization: Bearer " + Hub.TOKEN, "Connection: close");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("\"sessions\""), r.body());
    }

    @Test
    void aWebSocketUpgradeWithTheHubsOwnHostSwitchesProtocols() throws Exception {
        RawHttp.Response r = RawHttp.send("GET /rpc HTTP/1.1", "Host: 127.0.0.1:" + RawHttp.port(),
                "Authorization: Bearer " + Hub.TOKEN, "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");
        assertEquals(101, r.status());
        // compression stays off: a small deflated frame could inflate past the message size limit
        assertEquals(null, r.header("Sec-WebSocket-Extensions"));
    }

    @Test
    void responsesCarryDefensiveHeaders() {
        var r = Hub.http().get("/api/sessions");
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals("no-referrer", r.header("Referrer-Policy"));
        assertEquals("SAMEORIGIN", r.header("X-Frame-Options"));
    }
}
