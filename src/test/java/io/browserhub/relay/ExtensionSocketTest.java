package io.browserhub.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The extension's socket: only the browserhub extension's origin, and only with the credential of a pairing. */
@QuarkusTest
class ExtensionSocketTest {

    private static final String OURS = "chrome-extension://" + ExtensionPackage.bundled().id();

    @Test
    void aPersonsBrowserIsPairedNotCreatedAndLocalSessionsSayWhatDrivesThem() {
        try (RpcClient rpc = Hub.connect()) {
            RpcError refused = assertThrows(RpcError.class,
                    () -> rpc.call("session.create", Map.of("id", "not-a-person", "placement", "extension")));
            assertEquals("INVALID_PARAMS", refused.kind());
            assertTrue(refused.message().contains("/extension page"), refused.message());

            var info = rpc.call("session.create", Map.of("id", "driven-locally"));
            assertEquals("local", info.get("driver").asText());
            assertEquals("local", info.get("placement").asText());
            rpc.call("session.delete", Map.of("id", "driven-locally"));
        }
    }

    @Test
    void webPagesAndOtherExtensionsAreRefusedBeforeTheUpgrade() {
        assertEquals(403, refusedWith("http://evil.example"));
        assertEquals(403, refusedWith("chrome-extension://abcdefghijklmnopabcdefghijklmnop"));
        assertEquals(403, refusedWith(Hub.base().toString().replaceAll("/$", "")), "not even the hub's own pages: the token is no credential here");
        assertEquals(403, refusedWith(null), "a client without an Origin is no extension");
    }

    @Test
    void theExtensionsOriginWithoutAValidCredentialIsClosedWith4401() throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = builder(OURS).buildAsync(socketUri(), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"hello\",\"credential\":\"" + Hub.TOKEN + "\",\"tabs\":[]}", true);
        assertEquals(4401, closed.get(30, TimeUnit.SECONDS), "the hub's token is not a pairing's credential");
    }

    @Test
    void theExtensionIsServedAsAZip() {
        byte[] zip = Hub.http().get("/extension/browserhub-extension.zip").then().statusCode(200)
                .contentType("application/zip").extract().asByteArray();
        assertTrue(zip.length > 1000 && zip[0] == 'P' && zip[1] == 'K');
        io.restassured.RestAssured.given().get("/extension/browserhub-extension.zip").then().statusCode(401);
        Hub.http().redirects().follow(false).get("/extension").then().statusCode(303).header("Location", "/#/extension");
    }

    private static int refusedWith(String origin) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> builder(origin).buildAsync(socketUri(), new WebSocket.Listener() { }).get(30, TimeUnit.SECONDS));
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        return handshake.getResponse().statusCode();
    }

    private static WebSocket.Builder builder(String origin) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        return origin == null ? builder : builder.header("Origin", origin);
    }

    private static URI socketUri() {
        return URI.create(Hub.base().toString().replaceFirst("^http", "ws") + "extension");
    }
}
