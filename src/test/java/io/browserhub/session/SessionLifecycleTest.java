package io.browserhub.session;

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
import jakarta.inject.Inject;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A session keeps its login across stop and resume, and reopens its tabs where they were. */
@QuarkusTest
class SessionLifecycleTest {

    private static RpcClient agent;

    @Inject
    SessionStore store;

    @BeforeAll
    static void connect() {
        agent = Hub.connect();
    }

    @AfterAll
    static void cleanUp() {
        for (String id : new String[] {"life-login", "life-tabs", "life-ensure", "life-down"}) {
            try {
                agent.call("session.delete", Map.of("id", id));
            } catch (RpcError ignored) {
                // a test that failed early may not have created it
            }
        }
        agent.close();
    }

    @Test
    void loginCookieAndLocalStorageSurviveStopAndResume() {
        JsonNode created = agent.call("session.create", Map.of("id", "life-login"));
        assertEquals("running", created.get("state").asText());
        agent.call("page.goto", Map.of("session", "life-login", "url", TestPages.url("login?user=alice")));
        agent.call("page.evaluate", Map.of("session", "life-login", "function", "(v) => localStorage.setItem('token', v)", "arg", "s3cret"));

        JsonNode stopped = agent.call("session.stop", Map.of("id", "life-login"));
        assertEquals("stopped", stopped.get("state").asText());
        assertEquals("stopped", agent.call("session.get", Map.of("id", "life-login")).get("state").asText());

        // the first command after the stop brings the browser back, on the same profile
        JsonNode storage = agent.call("page.evaluate", Map.of("session", "life-login", "function", "() => localStorage.getItem('token')"));
        assertEquals("s3cret", storage.get("value").asText());
        agent.call("page.goto", Map.of("session", "life-login", "url", TestPages.url("whoami")));
        assertEquals("login=alice", agent.call("page.text", Map.of("session", "life-login", "selector", "#cookie")).get("text").asText());
        assertEquals("running", agent.call("session.get", Map.of("id", "life-login")).get("state").asText());
    }

    @Test
    void tabsAreReopenedAtTheirUrlsAfterAStop() {
        agent.call("session.create", Map.of("id", "life-tabs"));
        agent.call("page.goto", Map.of("session", "life-tabs", "url", TestPages.url("login?user=tabs")));
        agent.call("tab.new", Map.of("session", "life-tabs", "url", TestPages.url("whoami")));
        agent.call("session.stop", Map.of("id", "life-tabs"));

        JsonNode saved = agent.call("session.get", Map.of("id", "life-tabs")).get("tabs");
        assertEquals(2, saved.size(), "a stopped session still shows its last tabs: " + saved);

        JsonNode tabs = agent.call("tab.list", Map.of("session", "life-tabs")).get("tabs");
        assertEquals(2, tabs.size(), tabs.toString());
        assertTrue(tabs.get(0).get("url").asText().endsWith("/login?user=tabs"), tabs.toString());
        assertTrue(tabs.get(1).get("url").asText().endsWith("/whoami"), tabs.toString());
        assertTrue(tabs.get(1).get("active").asBoolean(), "the tab that was active is active again: " + tabs);
        assertTrue(agent.call("page.url", Map.of("session", "life-tabs")).get("url").asText().endsWith("/whoami"));
    }

    /**
     * A tab left on the browser's error page (its site was down) is reopened at the address that failed, as Chrome's
     * own session restore does: it may load now.
     */
    @Test
    void aTabWhoseSiteWasDownTriesItAgainAfterAStop() throws Exception {
        String first = "http://127.0.0.1:" + closedPort() + "/first";
        agent.call("session.create", Map.of("id", "life-down"));
        RpcError down = assertThrows(RpcError.class, () -> agent.call("page.goto", Map.of("session", "life-down", "url", first)));
        assertEquals("NAVIGATION_FAILED", down.kind(), down.toString());
        String failedPage = agent.call("page.url", Map.of("session", "life-down")).get("url").asText();
        assertTrue(failedPage.startsWith("chrome-error://"), failedPage);
        // stopped at once: Chromium's own record of the tab's address may not name the failed address yet
        agent.call("session.stop", Map.of("id", "life-down"));
        assertEquals(first, agent.call("session.get", Map.of("id", "life-down")).at("/tabs/0/url").asText(), "what the restart reopens");
        // still down at the first restart: the error page again, and the address is kept for the next one
        String restarted = agent.call("page.url", Map.of("session", "life-down")).get("url").asText();
        assertTrue(restarted.startsWith("chrome-error://"), "the restart shows the error page again: " + restarted);
        agent.call("session.stop", Map.of("id", "life-down"));
        assertEquals(first, agent.call("session.get", Map.of("id", "life-down")).at("/tabs/0/url").asText(), "what the next start reopens");

        // another address that fails: the same error page URL (and title) as before, yet the new address is kept
        int port = closedPort();
        String url = "http://127.0.0.1:" + port + "/back";
        assertThrows(RpcError.class, () -> agent.call("page.goto", Map.of("session", "life-down", "url", url)));
        agent.call("session.stop", Map.of("id", "life-down"));
        assertEquals(url, agent.call("session.get", Map.of("id", "life-down")).at("/tabs/0/url").asText());

        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        site.createContext("/", exchange -> {
            byte[] body = "<!doctype html><title>Back up</title><p>The site is back.".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
        try {
            assertEquals(url, agent.call("page.url", Map.of("session", "life-down")).get("url").asText(),
                    "the restart loaded the address that had failed, not the error page's");
            assertEquals("Back up", agent.call("page.title", Map.of("session", "life-down")).get("title").asText());
        } finally {
            site.stop(0);
        }
    }

    /** A port nothing listens on (free a moment ago). */
    private static int closedPort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    @Test
    void sessionJsonIsWrittenAndCreateRefusesATakenId() throws Exception {
        agent.call("session.ensure", Map.of("id", "life-ensure", "viewport", Map.of("width", 800, "height", 600)));
        assertTrue(Files.isRegularFile(store.paths("life-ensure").sessionJson()));
        assertTrue(Files.isDirectory(store.paths("life-ensure").profile()));
        RpcError taken = assertThrows(RpcError.class, () -> agent.call("session.create", Map.of("id", "life-ensure")));
        assertEquals("SESSION_EXISTS", taken.kind());
        JsonNode again = agent.call("session.ensure", Map.of("id", "life-ensure"));
        assertEquals("running", again.get("state").asText());
        assertEquals(800, again.get("viewport").get("width").asInt());
        assertEquals(800, agent.call("page.evaluate", Map.of("session", "life-ensure", "function", "() => innerWidth")).get("value").asInt());
        try (var files = Files.list(store.paths("life-ensure").dir())) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp file left behind");
        }
    }

    @Test
    void unknownSessionsAnswerSessionNotFound() {
        RpcError error = assertThrows(RpcError.class, () -> agent.call("page.title", Map.of("session", "no-such-session")));
        assertEquals(-32001, error.code());
        assertTrue(error.message().contains("no-such-session"));
    }
}
