package io.browserhub.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Sessions never wait for each other; commands of one session run in order; a full queue is an error, not a wait. */
@QuarkusTest
class ConcurrencyTest {

    @Test
    void aSlowCommandInOneSessionDoesNotDelayAnother() {
        try (RpcClient slowAgent = Hub.connect(); RpcClient fastAgent = Hub.connect()) {
            slowAgent.call("session.ensure", Map.of("id", "conc-slow"));
            fastAgent.call("session.ensure", Map.of("id", "conc-fast"));
            fastAgent.call("page.goto", Map.of("session", "conc-fast", "url", TestPages.url("login?user=fast")));

            // a long wait in one session (it is ended below, not waited out)...
            CompletableFuture<JsonNode> slow = slowAgent.send("page.waitFor",
                    Map.of("session", "conc-slow", "selector", "#never", "timeoutMs", 60_000));
            // ...while the other session answers command after command
            for (int i = 0; i < 20; i++) {
                assertEquals("logged in", fastAgent.call("page.title", Map.of("session", "conc-fast")).get("title").asText());
                assertFalse(slow.isDone(), "the slow wait is still running while the other session answered " + (i + 1) + " commands");
            }
            slowAgent.call("session.delete", Map.of("id", "conc-slow"));
            JsonNode ended = slow.join();
            assertEquals("SESSION_UNAVAILABLE", ended.get("error").get("data").get("kind").asText(), ended.toString());
            fastAgent.call("session.delete", Map.of("id", "conc-fast"));
        }
    }

    @Test
    void commandsOfOneSessionRunInOrderAndAFullQueueAnswersLimitReached() {
        try (RpcClient agent = Hub.connect()) {
            agent.call("session.ensure", Map.of("id", "conc-queue"));
            agent.call("page.evaluate", Map.of("session", "conc-queue", "function", "() => { window.log = []; }"));
            // block the session for a moment, then flood its queue (capacity 64)
            CompletableFuture<JsonNode> blocker = agent.send("page.evaluate",
                    Map.of("session", "conc-queue", "function", "() => new Promise(r => setTimeout(r, 1500))"));
            List<CompletableFuture<JsonNode>> flood = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                flood.add(agent.send("page.evaluate", Map.of("session", "conc-queue", "function", "(i) => { window.log.push(i); return i; }", "arg", i)));
            }
            blocker.join();
            List<Integer> ran = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < flood.size(); i++) {
                JsonNode r = flood.get(i).join();
                if (r.has("error")) {
                    assertEquals("LIMIT_REACHED", r.get("error").get("data").get("kind").asText(), r.toString());
                    refused++;
                } else {
                    ran.add(r.get("result").get("value").asInt());
                }
            }
            assertTrue(refused > 0, "80 commands behind a blocked one overflow a queue of 64");
            assertTrue(ran.size() >= 60, "the queue held its capacity: " + ran.size());
            JsonNode log = agent.call("page.evaluate", Map.of("session", "conc-queue", "function", "() => window.log")).get("value");
            List<Integer> order = new ArrayList<>();
            log.forEach(v -> order.add(v.asInt()));
            assertEquals(ran, order, "accepted commands ran in the order they were sent");
            List<Integer> sorted = new ArrayList<>(order);
            sorted.sort(null);
            assertEquals(sorted, order);
            agent.call("session.delete", Map.of("id", "conc-queue"));
        }
    }
}
