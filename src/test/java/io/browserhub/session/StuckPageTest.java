package io.browserhub.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.SharedSessions;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A page whose script never returns (issue 13, defect 1): the command that meets it answers TIMEOUT, the session comes
 * back at once, with that tab blank (and says so) once the page is to blame, and stop and delete always complete, even
 * while a command without a time limit is stuck in the page.
 */
@QuarkusTest
class StuckPageTest {

    /** Looks normal for a second, then never returns to the event loop. */
    private static final String STUCK = "data:text/html,<title>Stuck</title><p>soon busy</p><script>setTimeout(()=>{while(true){}},1000)</script>";

    private static RpcClient agent;

    @Inject
    SessionRegistry sessions;

    @BeforeAll
    static void connect() {
        agent = Hub.connect();
    }

    @AfterAll
    static void cleanUp() {
        for (String id : new String[] {"stuck-restore", "stuck-stop", "stuck-delete", "stuck-race"}) {
            try {
                agent.call("session.delete", Map.of("id", id));
            } catch (RpcError ignored) {
                // deleted by the test, or never created
            }
        }
        agent.close();
    }

    @Test
    void aPageThatGetsStuckAgainComesBackBlankAndTheSessionAnswersAtOnce() throws Exception {
        SharedSessions.fresh(agent, "stuck-restore", null);
        agent.call("page.goto", Map.of("session", "stuck-restore", "url", STUCK));
        agent.call("events.subscribe", Map.of("session", "stuck-restore", "kinds", List.of("tab", "session.state")));
        Thread.sleep(1500); // the script is spinning now

        // the first time, the client's own script is the suspect: the page comes back as it was...
        assertEquals("TIMEOUT", stuckEvaluate().kind());
        assertEquals(STUCK, agent.call("page.url", Map.of("session", "stuck-restore")).get("url").asText());
        Thread.sleep(1500); // ...and spins again on its own

        // the second time the page is convicted: the next command restarts the browser with that tab blank
        assertEquals("TIMEOUT", stuckEvaluate().kind());
        long t0 = System.nanoTime();
        JsonNode url = agent.call("page.url", Map.of("session", "stuck-restore"));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals("about:blank", url.get("url").asText());
        assertTrue(ms < 20_000, "a restart, not a restart plus another timeout: " + ms + " ms");
        JsonNode skipped = SharedSessions.awaitEvent(agent, "tab.restore.skipped", e -> true);
        assertEquals(STUCK, skipped.at("/data/url").asText(), "the event keeps the URL the tab had");
        assertEquals("running", agent.call("session.get", Map.of("id", "stuck-restore")).get("state").asText());
        assertEquals("4", agent.call("page.evaluate", Map.of("session", "stuck-restore", "function", "() => String(2 + 2)"))
                .get("value").asText(), "the session works again");
    }

    private static RpcError stuckEvaluate() {
        return assertThrowsRpc(() -> agent.call("page.evaluate",
                Map.of("session", "stuck-restore", "function", "() => document.title", "timeoutMs", 1000)));
    }

    @Test
    void stopCompletesWhileACommandWithoutTimeLimitIsStuckInThePage() throws InterruptedException {
        SharedSessions.fresh(agent, "stuck-stop", null);
        agent.call("page.goto", Map.of("session", "stuck-stop", "url", STUCK));
        Thread.sleep(1500); // the script is spinning now
        CompletableFuture<JsonNode> stuck = agent.send("page.evaluate",
                Map.of("session", "stuck-stop", "function", "() => document.title", "timeoutMs", 0));

        JsonNode stopped = agent.call("session.stop", Map.of("id", "stuck-stop"));
        assertEquals("stopped", stopped.get("state").asText());
        JsonNode answer = stuck.orTimeout(30, TimeUnit.SECONDS).join();
        assertEquals("SESSION_UNAVAILABLE", answer.at("/error/data/kind").asText(), answer.toString());
    }

    @Test
    void deleteCompletesWhileACommandIsStuckInThePage() throws InterruptedException {
        SharedSessions.fresh(agent, "stuck-delete", null);
        agent.call("page.goto", Map.of("session", "stuck-delete", "url", STUCK));
        Thread.sleep(1500); // the script is spinning now
        agent.send("page.evaluate", Map.of("session", "stuck-delete", "function", "() => document.title", "timeoutMs", 0));

        assertTrue(agent.call("session.delete", Map.of("id", "stuck-delete")).get("deleted").asBoolean());
        RpcError gone = assertThrowsRpc(() -> agent.call("session.get", Map.of("id", "stuck-delete")));
        assertEquals("SESSION_NOT_FOUND", gone.kind());
    }

    /**
     * The watchdog may look at a session at any moment, also while a command is ending: it must never take a command that
     * has just ended, or its start time for another's, for a command stuck since long ago. Here it looks without pause
     * while quick commands run back to back; each must answer, and the browser must never be ended.
     */
    @Test
    void theWatchdogLookingWhileCommandsEndNeverTakesOneForStuck() throws InterruptedException {
        SharedSessions.fresh(agent, "stuck-race", null);
        Session session = sessions.require("stuck-race");
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong looks = new AtomicLong();
        Thread watchdog = new Thread(() -> {
            while (!done.get()) {
                session.checkStuck(System.nanoTime());
                looks.incrementAndGet();
            }
        }, "test-watchdog");
        watchdog.start();
        int commands = 0;
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            Map<String, Object> quick = Map.of("session", "stuck-race", "function", "() => 1");
            while (commands < 3000 && System.nanoTime() < until) {
                assertEquals(1, agent.call("page.evaluate", quick).get("value").asInt(), "command " + commands);
                commands++;
            }
        } finally {
            done.set(true);
            watchdog.join();
        }
        assertTrue(commands > 100 && looks.get() > commands, commands + " commands, " + looks.get() + " looks");
        assertEquals("running", agent.call("session.get", Map.of("id", "stuck-race")).get("state").asText());
    }

    private static RpcError assertThrowsRpc(Runnable call) {
        try {
            call.run();
        } catch (RpcError e) {
            return e;
        }
        throw new AssertionError("expected an error");
    }
}
