package io.browserhub.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Without this hub's exact token, nothing answers: not POST /rpc, not the WebSocket, not the REST API. */
@QuarkusTest
class TokenRequiredTest {

    /** The test token with its last character changed: a comparison that stops early would still refuse it. */
    static final String NEARLY = "test-token-0123456788";
    static final String NONE = "";

    @ParameterizedTest
    @ValueSource(strings = {NONE, "wrong-token-abcdefghij", NEARLY})
    void postRpcAnswers401WithAJsonRpcUnauthorizedError(String token) throws Exception {
        Response r = withToken(token).contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":7}").post("/rpc");
        assertEquals(401, r.statusCode());
        JsonNode body = RpcClient.JSON.readTree(r.asString());
        assertEquals("2.0", body.get("jsonrpc").asText());
        assertEquals(-32009, body.at("/error/code").asInt());
        assertEquals("UNAUTHORIZED", body.at("/error/data/kind").asText());
        assertTrue(body.get("id").isNull(), "the request was never read, so its id is not echoed: " + body);
        assertTrue(body.at("/error/message").asText().contains("Authorization: Bearer"), body.toString());
        assertTrue(r.header("WWW-Authenticate").startsWith("Bearer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {NONE, "wrong-token-abcdefghij", NEARLY})
    void restApiAnswers401WithAJsonError(String token) throws Exception {
        Response r = withToken(token).get("/api/sessions");
        assertEquals(401, r.statusCode());
        JsonNode body = RpcClient.JSON.readTree(r.asString());
        assertEquals(-32009, body.at("/error/code").asInt());
        assertEquals("UNAUTHORIZED", body.at("/error/data/kind").asText());
        assertFalse(body.has("jsonrpc"));
    }

    /** A program (no Origin) learns at the handshake: HTTP 401 with a body that says where the token is. */
    @ParameterizedTest
    @ValueSource(strings = {NONE, "wrong-token-abcdefghij", NEARLY})
    void aProgramsWebSocketIsRefusedAtTheUpgradeWith401SayingWhereTheTokenIs(String token) throws Exception {
        Map<String, String> headers = token.isEmpty() ? Map.of() : Map.of("Authorization", "Bearer " + token);
        Refused refused = refusedHandshake(webSocketUri(""), headers);
        assertEquals(401, refused.statusCode());
        JsonNode body = RpcClient.JSON.readTree(refused.body());
        assertEquals("UNAUTHORIZED", body.at("/error/data/kind").asText(), body.toString());
        assertTrue(body.at("/error/message").asText().contains("browserhub.auth.token"), "it says where the token is: " + body);
    }

    @Test
    void aProgramsWebSocketWithAWrongQueryTokenIsRefusedAtTheUpgrade() throws Exception {
        assertEquals(401, refusedHandshake(webSocketUri("?token=" + NEARLY), Map.of()).statusCode());
    }

    /**
     * A browser (it always sends Origin) cannot read a refused handshake's status, so its WebSocket opens and closes
     * at once with 4401, and the reason names where the token is; the dashboard shows it. No request is answered.
     */
    @ParameterizedTest
    @ValueSource(strings = {NONE, NEARLY})
    void aBrowsersWebSocketClosesWith4401NamingTheTokenAndAnswersNothing(String token) throws Exception {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Origin", "http://127.0.0.1:" + Hub.base().getPort()));
        if (!token.isEmpty()) {
            headers.put("Authorization", "Bearer " + token);
        }
        try (RpcClient client = RpcClient.connect(Hub.base(), headers)) {
            CompletableFuture<JsonNode> response = null;
            try {
                response = client.send("hub.info", Map.of());
            } catch (RuntimeException closedAlready) {
                // the close may win the race against the send: either way nothing may be answered
            }
            assertEquals(4401, client.closed().get(30, TimeUnit.SECONDS));
            assertTrue(client.closeReason().contains("browserhub.auth.token"), client.closeReason());
            if (response != null && response.isDone()) {
                CompletableFuture<JsonNode> answered = response;
                assertTrue(answered.isCompletedExceptionally(), () -> "a refused connection answered: " + answered.join());
            }
            assertEquals(null, client.nextUnmatched(Duration.ZERO));
        }
    }

    @Test
    void theCloseReasonFitsAFrameAndKeepsTheEndOfALongPath() {
        String reason = Refusals.closeReason("the file /" + "very-long-directory-name/".repeat(10) + "token");
        assertTrue(reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 123, reason);
        assertTrue(reason.endsWith("/token"), reason);
    }

    record Refused(int statusCode, String body) {
    }

    /** The handshake's refusal as the JDK's WebSocket client reports it (its body type differs between JDKs). */
    static Refused refusedHandshake(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        try {
            builder.buildAsync(uri, new WebSocket.Listener() { }).join().abort();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                HttpResponse<?> response = refused.getResponse();
                Object body = response.body();
                return new Refused(response.statusCode(), body instanceof byte[] bytes
                        ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(body));
            }
            throw e;
        }
        throw new AssertionError("the hub accepted a WebSocket without its token");
    }

    @Test
    void theNearlyRightTokenDiffersOnlyInItsLastCharacter() {
        assertEquals(Hub.TOKEN.length(), NEARLY.length());
        assertEquals(Hub.TOKEN.substring(0, Hub.TOKEN.length() - 1), NEARLY.substring(0, NEARLY.length() - 1));
        assertFalse(Hub.TOKEN.equals(NEARLY));
    }

    @Test
    void theRightTokenOpensEveryDoor() throws Exception {
        Hub.http().get("/api/sessions").then().statusCode(200);
        given().get("/api/sessions?token=" + Hub.TOKEN).then().statusCode(200);
        JsonNode info = Hub.post("{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":1}");
        assertTrue(info.has("result"), info.toString());
        try (RpcClient byHeader = Hub.connect()) {
            assertNotNull(byHeader.call("hub.info").get("version"));
        }
        try (RpcClient byQuery = RpcClient.connectTo(webSocketUri("?token=" + Hub.TOKEN), Map.of())) {
            assertNotNull(byQuery.call("hub.info").get("version"));
        }
    }

    @Test
    void aWrongHeaderIsRefusedEvenWithTheRightQueryToken() {
        withToken(NEARLY).get("/api/sessions?token=" + Hub.TOKEN).then().statusCode(401);
    }

    @Test
    void otherAuthorizationSchemesAreRefused() {
        given().header("Authorization", "Basic " + Hub.TOKEN).get("/api/sessions").then().statusCode(401);
        given().header("Authorization", Hub.TOKEN).get("/api/sessions").then().statusCode(401);
    }

    @Test
    void unknownPathsNeedTheTokenToo() {
        given().get("/q/dev-ui").then().statusCode(401);
        given().get("/no-such-page").then().statusCode(401);
        Hub.http().get("/no-such-page").then().statusCode(404);
    }

    static URI webSocketUri(String query) {
        return URI.create("ws://127.0.0.1:" + Hub.base().getPort() + "/rpc" + query);
    }

    private static RequestSpecification withToken(String token) {
        return token.isEmpty() ? given() : given().header("Authorization", "Bearer " + token);
    }
}
