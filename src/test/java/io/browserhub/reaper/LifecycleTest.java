package io.browserhub.reaper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.session.SessionStore;
import io.browserhub.support.BrowserProcesses;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Idle reaping, transparent resume, the running cap, crashes and stuck pages, with real browsers. */
@QuarkusTest
@TestProfile(LifecycleTest.FastReaper.class)
class LifecycleTest {

    public static class FastReaper implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(Hub.QUINOA, "false", "browserhub.session.reaper-interval", "1s",
                    "browserhub.session.max-running", "3",
                    "browserhub.session.stuck-grace", "1s");
        }
    }

    @Inject
    SessionStore store;

    private final List<String> created = new ArrayList<>();
    private final RpcClient agent = Hub.connect();

    @AfterEach
    void cleanUp() {
        for (String id : created) {
            try {
                agent.call("session.delete", Map.of("id", id));
            } catch (RpcError ignored) {
                // already gone
            }
        }
        agent.close();
    }

    private JsonNode create(String id, Map<String, Object> extra) {
        created.add(id);
        Map<String, Object> params = new java.util.HashMap<>(extra);
        params.put("id", id);
        return agent.call("session.create", params);
    }

    @Test
    void anIdleSessionIsReapedAndTheNextCommandResumesItWhereItWas() throws Exception {
        create("reap-me", Map.of("idleTimeoutSec", 3));
        agent.call("page.goto", Map.of("session", "reap-me", "url", TestPages.url("login?user=reaped")));
        agent.call("events.subscribe", Map.of("session", "reap-me", "kinds", List.of("session.state")));
        String state = "running";
        for (int i = 0; i < 100 && !state.equals("stopped"); i++) {
            Thread.sleep(100);
            state = agent.call("session.get", Map.of("id", "reap-me")).get("state").asText();
        }
        assertEquals("stopped", state, "3 s idle + a 1 s reaper interval stops the browser");
        assertTrue(BrowserProcesses.browserOn(store.paths("reap-me").profile()).isEmpty(), "its Chromium is gone");
        List<String> reasons = new ArrayList<>();
        for (JsonNode e; (e = agent.nextNotification(java.time.Duration.ofSeconds(2))) != null; ) {
            reasons.add(e.get("params").get("data").get("state").asText() + ":" + e.get("params").get("data").get("reason").asText());
        }
        assertTrue(reasons.contains("stopped:reaped"), "a session.state event says the session was reaped: " + reasons);

        JsonNode title = agent.call("page.title", Map.of("session", "reap-me"));
        assertEquals("logged in", title.get("title").asText(), "one call resumes the session at the same page");
        assertEquals("running", agent.call("session.get", Map.of("id", "reap-me")).get("state").asText());
    }

    @Test
    void neverMoreThanMaxRunningBrowsersAndLimitReachedWhenNoneIsIdle() {
        // five sessions through a cap of three: the fourth and the fifth each stop the least recently used idle one
        int most = 0;
        for (int i = 0; i < 5; i++) {
            create("cap-" + i, Map.of());
            agent.call("page.title", Map.of("session", "cap-" + i));
            most = Math.max(most, BrowserProcesses.browsers().size());
        }
        assertTrue(most <= 3, "at most 3 Chromium trees alive with max-running 3, saw " + most);
        assertEquals(3, BrowserProcesses.browsers().size());
        assertEquals(List.of("stopped", "stopped", "running", "running", "running"),
                java.util.stream.IntStream.range(0, 5).mapToObj(i -> agent.call("session.get", Map.of("id", "cap-" + i)).get("state").asText()).toList(),
                "the least recently used ones made room");

        // three busy sessions: no idle one to stop, so a fourth cannot start
        List<CompletableFuture<JsonNode>> waits = new ArrayList<>();
        for (int i = 2; i < 5; i++) {
            waits.add(agent.send("page.waitFor", Map.of("session", "cap-" + i, "selector", "#never", "timeoutMs", 3000)));
        }
        RpcError full = assertThrows(RpcError.class, () -> agent.call("page.title", Map.of("session", "cap-0")));
        assertEquals("LIMIT_REACHED", full.kind());
        assertTrue(full.message().contains("3"), full.message());
        waits.forEach(CompletableFuture::join);
        assertEquals("", agent.call("page.title", Map.of("session", "cap-0")).get("title").asText(), "once they are idle, it starts");
    }

    @Test
    void aKilledBrowserFailsTheCommandInFlightAndTheNextCommandRestartsIt() throws InterruptedException {
        create("crash-me", Map.of());
        agent.call("page.goto", Map.of("session", "crash-me", "url", TestPages.url("login?user=crash")));
        // the hub notes a tab's new URL (what a restart reopens) just after it answers: kill the browser once it has
        awaitTabUrl("crash-me", "/login?user=crash");
        ProcessHandle chromium = BrowserProcesses.browserOn(store.paths("crash-me").profile()).orElseThrow();

        CompletableFuture<JsonNode> inFlight = agent.send("page.waitFor",
                Map.of("session", "crash-me", "selector", "#never", "timeoutMs", 20000));
        agent.call("session.get", Map.of("id", "crash-me"));
        chromium.destroyForcibly();

        JsonNode failed = inFlight.join();
        assertEquals("SESSION_UNAVAILABLE", failed.get("error").get("data").get("kind").asText(),
                "the command fails because the browser died, not after its 20 s timeout: " + failed);
        assertEquals("logged in", agent.call("page.title", Map.of("session", "crash-me")).get("title").asText());
        assertEquals("running", agent.call("session.get", Map.of("id", "crash-me")).get("state").asText());
    }

    private void awaitTabUrl(String session, String urlEnd) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        JsonNode tabs;
        do {
            tabs = agent.call("session.get", Map.of("id", session)).get("tabs");
            for (JsonNode tab : tabs) {
                if (tab.path("url").asText().endsWith(urlEnd)) {
                    return;
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no tab of " + session + " shows " + urlEnd + " after 10 s: " + tabs);
    }

    @Test
    void aPageStuckInJavaScriptAnswersTimeoutAndOtherSessionsNeverNotice() {
        create("stuck", Map.of());
        create("bystander", Map.of());
        agent.call("page.goto", Map.of("session", "stuck", "url", TestPages.url("login?user=stuck")));
        CompletableFuture<JsonNode> spin = agent.send("page.evaluate",
                Map.of("session", "stuck", "function", "() => { while (true) {} }", "timeoutMs", 1000));
        for (int i = 0; i < 5; i++) {
            assertEquals("", agent.call("page.title", Map.of("session", "bystander")).get("title").asText());
        }
        JsonNode timedOut = spin.join();
        assertEquals("TIMEOUT", timedOut.get("error").get("data").get("kind").asText(), timedOut.toString());
        assertEquals("logged in", agent.call("page.title", Map.of("session", "stuck")).get("title").asText(),
                "the session is usable again, on the page it was on");
    }
}
