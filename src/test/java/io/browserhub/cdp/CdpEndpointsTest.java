package io.browserhub.cdp;

import static io.browserhub.support.SharedSessions.fresh;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.PlaywrightException;
import io.browserhub.backend.DevToolsEndpoint;
import io.browserhub.browser.DevToolsActivePort;
import io.browserhub.support.CdpClient;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** /cdp/{session}/json/... answer as Chromium's own endpoints do, with the hub's addresses, behind the hub's checks. */
@QuarkusTest
class CdpEndpointsTest extends CdpPlaywright.Scenario {

    @Test
    void jsonVersionAndListNameTheHubNeverChromiumsPort() throws Exception {
        try (RpcClient rpc = Hub.connect()) {
            String s = fresh(rpc, "cdp-json", "static.html");
            String hub = "ws://127.0.0.1:" + Hub.base().getPort() + "/cdp/" + s;
            int chromiumPort = DevToolsActivePort.read(profile(s)).orElseThrow().port();

            for (String path : new String[] {"/json/version", "/json/version/"}) {
                Response r = Hub.http().get("/cdp/" + s + path);
                assertEquals(200, r.statusCode(), r.asString());
                JsonNode version = RpcClient.JSON.readTree(r.asString());
                assertTrue(version.get("Browser").asText().contains("Chrome/"), version.toString());
                assertEquals("1.3", version.get("Protocol-Version").asText());
                assertFalse(version.get("User-Agent").asText().isEmpty());
                assertEquals(hub, version.get("webSocketDebuggerUrl").asText());
                assertFalse(r.asString().contains(":" + chromiumPort), r.asString());
            }
            JsonNode viaQuery = RpcClient.JSON.readTree(given().get("/cdp/" + s + "/json/version?token=" + Hub.TOKEN + "&client=mine").asString());
            assertEquals(hub + "?token=" + Hub.TOKEN + "&client=mine", viaQuery.get("webSocketDebuggerUrl").asText(),
                    "a client that found the endpoint with ?token= reaches it with ?token=");

            for (String path : new String[] {"/json/list", "/json/list/", "/json", "/json/"}) {
                Response r = Hub.http().get("/cdp/" + s + path);
                assertEquals(200, r.statusCode(), r.asString());
                JsonNode targets = RpcClient.JSON.readTree(r.asString());
                assertTrue(targets.isArray());
                JsonNode page = null;
                for (JsonNode t : targets) {
                    assertFalse("browser_ui".equals(t.path("type").asText()), "Chromium's own UI is not the session's: " + t);
                    if (t.path("url").asText().endsWith("static.html")) {
                        page = t;
                    }
                }
                assertTrue(page != null, "the session's tab is listed: " + targets);
                assertEquals("page", page.get("type").asText());
                assertEquals("static", page.get("title").asText());
                assertEquals(hub + "/page/" + page.get("id").asText(), page.get("webSocketDebuggerUrl").asText());
                assertFalse(r.asString().contains(":" + chromiumPort), r.asString());
            }

            JsonNode page = RpcClient.JSON.readTree(Hub.http().get("/cdp/" + s + "/json/list").asString()).get(0);
            try (CdpClient pageLevel = CdpClient.connect(URI.create(page.get("webSocketDebuggerUrl").asText()),
                    Map.of("Authorization", "Bearer " + Hub.TOKEN))) {
                JsonNode title = pageLevel.call("Runtime.evaluate", Map.of("expression", "document.title", "returnByValue", true));
                assertEquals(page.get("title").asText(), title.at("/result/value").asText());
            }
        }
    }

    @Test
    void connectOverCdpFindsTheWebSocketThroughTheHttpUrl() {
        try (RpcClient rpc = Hub.connect()) {
            String s = fresh(rpc, "cdp-http-url", "static.html");
            // Playwright asks <url>/json/version/ first, with the same query
            Browser browser = playwright.connect(Hub.base() + "cdp/" + s + "?token=" + Hub.TOKEN, new BrowserType.ConnectOverCDPOptions());
            try {
                assertEquals("static", CdpPlaywright.page(browser, "static.html").title());
            } finally {
                browser.close();
            }
        }
    }

    @Test
    void withoutTheTokenOrFromAForeignPageTheDoorStaysShut() throws Exception {
        try (RpcClient rpc = Hub.connect()) {
            String s = fresh(rpc, "cdp-guarded", null);
            assertEquals(401, given().get("/cdp/" + s + "/json/version").statusCode());
            assertEquals(401, given().header("Authorization", "Bearer wrong-token-0123456789").get("/cdp/" + s + "/json/list").statusCode());
            assertEquals(403, Hub.http().header("Origin", "https://evil.example").get("/cdp/" + s + "/json/version").statusCode());

            CompletionException anonymous = assertThrows(CompletionException.class,
                    () -> CdpClient.connect(CdpClient.webSocketUrl(s, ""), Map.of()).close());
            assertEquals(401, assertInstanceOf(WebSocketHandshakeException.class, anonymous.getCause()).getResponse().statusCode(),
                    "a program without the token is refused before the upgrade");
            CompletionException foreign = assertThrows(CompletionException.class, () -> CdpClient.connect(CdpClient.webSocketUrl(s, ""),
                    Map.of("Authorization", "Bearer " + Hub.TOKEN, "Origin", "https://evil.example")).close());
            WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, foreign.getCause());
            assertEquals(403, handshake.getResponse().statusCode());

            PlaywrightException playwrightWithout = assertThrows(PlaywrightException.class,
                    () -> playwright.connect(CdpClient.webSocketUrl(s, "").toString(), new BrowserType.ConnectOverCDPOptions().setTimeout(30_000)));
            assertTrue(playwrightWithout.getMessage().contains("4401") || playwrightWithout.getMessage().contains("401"),
                    playwrightWithout.getMessage());
        }
    }

    @Test
    void anUnknownSessionIsNotFoundAndAPlainGetIsToldToUpgrade() {
        assertEquals(404, Hub.http().get("/cdp/no-such-session/json/version").statusCode());
        CompletionException unknown = assertThrows(CompletionException.class,
                () -> CdpClient.toSession("no-such-session").close());
        assertEquals(404, assertInstanceOf(WebSocketHandshakeException.class, unknown.getCause()).getResponse().statusCode());
        assertEquals(400, Hub.http().get("/cdp/bad..id/json/version").statusCode());
        try (RpcClient rpc = Hub.connect()) {
            String s = fresh(rpc, "cdp-plain-get", null);
            Response plain = Hub.http().get("/cdp/" + s);
            assertEquals(426, plain.statusCode());
            assertTrue(plain.asString().contains("json/version"), plain.asString());
        }
    }

    private static Path profile(String session) {
        return Hub.dataDir().resolve("sessions").resolve(session).resolve("profile");
    }
}
