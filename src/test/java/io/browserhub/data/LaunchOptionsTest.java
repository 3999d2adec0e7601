package io.browserhub.data;

import static io.browserhub.data.Sessions.deleteIfThere;
import static io.browserhub.support.SharedSessions.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Launch options per session: kept in session.json, applied at every start, checked before anything is created. */
@QuarkusTest
class LaunchOptionsTest {

    @Test
    void aProxyWithCredentialsCarriesOneSessionAndNotAnother() throws Exception {
        try (RpcClient agent = Hub.connect(); RecordingProxy proxy = new RecordingProxy("agent", "s3cret")) {
            deleteIfThere(agent, "proxied");
            agent.call("session.create", Map.of("id", "proxied",
                    "proxy", Map.of("server", proxy.server(), "username", "agent", "password", "s3cret")));
            String direct = fresh(agent, "unproxied", null);

            agent.call("page.goto", Map.of("session", "proxied", "url", TestPages.url("static.html?from=proxied")));
            assertTrue(agent.call("page.text", Map.of("session", "proxied", "selector", "#via")).get("text").asText()
                    .contains("/static.html?from=proxied"));
            agent.call("page.goto", Map.of("session", direct, "url", TestPages.url("static.html?from=unproxied")));
            assertFalse(agent.call("page.title", Map.of("session", direct)).get("title").asText().equals("proxied"));

            List<RecordingProxy.Seen> seen = proxy.seen();
            assertTrue(seen.contains(new RecordingProxy.Seen(TestPages.url("static.html?from=proxied"), true)),
                    "the proxied session's request came with its credentials: " + seen);
            assertTrue(seen.stream().noneMatch(s -> s.target().contains("from=unproxied")), "the other session went direct: " + seen);
            JsonNode options = agent.call("session.configure", Map.of("id", "proxied")).get("options");
            assertEquals("********", options.at("/proxy/password").asText(), "the password is not shown back");
            agent.call("session.delete", Map.of("id", "proxied"));
            agent.call("session.delete", Map.of("id", direct));
        }
    }

    @Test
    void geolocationPermissionsAndEmulation() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            deleteIfThere(agent, "located");
            agent.call("session.create", Map.of("id", "located",
                    "geolocation", Map.of("latitude", 48.8584, "longitude", 2.2945, "accuracy", 10),
                    "permissions", List.of("geolocation"), "colorScheme", "dark", "deviceScaleFactor", 2));
            String plain = fresh(agent, "unlocated", null);
            for (String id : List.of("located", plain)) {
                agent.call("page.goto", Map.of("session", id, "url", TestPages.url("static.html")));
            }
            assertEquals("granted", evaluate(agent, "located", "() => navigator.permissions.query({name: 'geolocation'}).then(s => s.state)").asText());
            assertEquals("prompt", evaluate(agent, plain, "() => navigator.permissions.query({name: 'geolocation'}).then(s => s.state)").asText());
            JsonNode position = evaluate(agent, "located", "() => new Promise((ok, ko) => navigator.geolocation.getCurrentPosition("
                    + "p => ok([p.coords.latitude, p.coords.longitude, p.coords.accuracy]), e => ko(new Error(e.message))))");
            assertEquals(48.8584, position.get(0).asDouble(), 1e-6);
            assertEquals(2.2945, position.get(1).asDouble(), 1e-6);
            assertEquals(10, position.get(2).asDouble(), 1e-6);
            assertTrue(evaluate(agent, "located", "() => matchMedia('(prefers-color-scheme: dark)').matches").asBoolean());
            assertEquals(2, evaluate(agent, "located", "() => devicePixelRatio").asDouble(), 1e-9);
            assertEquals(1, evaluate(agent, plain, "() => devicePixelRatio").asDouble(), 1e-9);
            agent.call("session.delete", Map.of("id", "located"));
            agent.call("session.delete", Map.of("id", plain));
        }
    }

    @Test
    void initScriptsAndHeadersApplyAgainAfterAStopAndCanBeChanged() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            deleteIfThere(agent, "scripted");
            agent.call("session.create", Map.of("id", "scripted",
                    "initScripts", List.of("window.__hub = 'init script ran'"),
                    "extraHTTPHeaders", Map.of("X-Hub-Test", "first")));
            agent.call("page.goto", Map.of("session", "scripted", "url", TestPages.url("headers")));
            assertSeen(agent, "first");

            agent.call("session.stop", Map.of("id", "scripted"));
            agent.call("page.reload", Map.of("session", "scripted")); // resumes the session, the tab at its URL
            assertSeen(agent, "first");

            // changed: applied at the next start, or now with restart
            JsonNode configured = agent.call("session.configure", Map.of("id", "scripted",
                    "extraHTTPHeaders", Map.of("X-Hub-Test", "second"), "restart", true));
            assertTrue(configured.get("restarted").asBoolean());
            agent.call("page.reload", Map.of("session", "scripted"));
            assertSeen(agent, "second");
            agent.call("session.configure", Map.of("id", "scripted", "reset", List.of("extraHTTPHeaders", "initScripts"), "restart", true));
            agent.call("page.reload", Map.of("session", "scripted"));
            assertFalse(headers(agent).contains("x-hub-test"), headers(agent));
            agent.call("session.delete", Map.of("id", "scripted"));
        }
    }

    @Test
    void anUnpackedExtensionIsLoaded(@TempDir Path extension) throws Exception {
        Files.writeString(extension.resolve("manifest.json"), "{\"manifest_version\": 3, \"name\": \"hub test\", \"version\": \"1.0\","
                + " \"content_scripts\": [{\"matches\": [\"<all_urls>\"], \"js\": [\"content.js\"], \"run_at\": \"document_start\"}]}");
        Files.writeString(extension.resolve("content.js"), "document.documentElement.dataset.hubExtension = 'loaded';");
        try (RpcClient agent = Hub.connect()) {
            deleteIfThere(agent, "extended");
            agent.call("session.create", Map.of("id", "extended", "extensions", List.of(extension.toString())));
            agent.call("page.goto", Map.of("session", "extended", "url", TestPages.url("static.html")));
            agent.call("page.waitFor", Map.of("session", "extended", "selector", "html[data-hub-extension=loaded]", "state", "attached"));
            agent.call("session.delete", Map.of("id", "extended"));
        }
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingIsCreated() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            List<Map<String, Object>> refused = List.of(
                    Map.of("args", List.of("--remote-debugging-port=9999")),
                    Map.of("args", List.of("--user-data-dir=/tmp/elsewhere")),
                    Map.of("args", List.of("--HEADLESS=new")),
                    Map.of("args", List.of("https://example.com")),
                    Map.of("proxy", Map.of("server", "ftp://proxy:21")),
                    Map.of("proxy", Map.of("server", "socks5://proxy:1080", "username", "u", "password", "p")),
                    Map.of("permissions", List.of("mind-reading")),
                    Map.of("geolocation", Map.of("latitude", 91, "longitude", 0)),
                    Map.of("colorScheme", "purple"),
                    Map.of("deviceScaleFactor", 0),
                    Map.of("extraHTTPHeaders", Map.of("Bad Header", "x")),
                    Map.of("extensions", List.of("relative/dir")),
                    Map.of("extensions", List.of("/nonexistent/extension")));
            for (Map<String, Object> options : refused) {
                Map<String, Object> params = new java.util.HashMap<>(options);
                params.put("id", "refused");
                RpcError e = assertThrows(RpcError.class, () -> agent.call("session.create", params), options.toString());
                assertEquals("INVALID_PARAMS", e.kind(), options + ": " + e.message());
                assertEquals("SESSION_NOT_FOUND", assertThrows(RpcError.class, () -> agent.call("session.get", Map.of("id", "refused"))).kind());
            }
            String id = fresh(agent, "configured", null);
            RpcError e = assertThrows(RpcError.class, () -> agent.call("session.configure", Map.of("id", id, "args", List.of("--remote-debugging-pipe"))));
            assertEquals("INVALID_PARAMS", e.kind());
            assertFalse(agent.call("session.configure", Map.of("id", id)).get("options").has("args"), "nothing was changed");
            agent.call("session.delete", Map.of("id", id));
        }
    }

    private static void assertSeen(RpcClient agent, String header) {
        assertTrue(headers(agent).contains("x-hub-test: " + header), headers(agent));
        assertEquals("init script ran", evaluate(agent, "scripted", "() => window.__hub").asText());
    }

    private static String headers(RpcClient agent) {
        return agent.call("page.text", Map.of("session", "scripted", "selector", "#headers")).get("text").asText();
    }

    private static JsonNode evaluate(RpcClient agent, String session, String function) {
        return agent.call("page.evaluate", Map.of("session", session, "function", function)).get("value");
    }

}
