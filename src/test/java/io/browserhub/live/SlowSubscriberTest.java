package io.browserhub.live;

import static io.browserhub.support.SharedSessions.client;
import static io.browserhub.support.SharedSessions.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A subscriber that stops reading its socket must not slow anyone: its own queue is bounded, the oldest
 * events are dropped for it alone, and it is told how many it missed.
 */
@QuarkusTest
class SlowSubscriberTest {

    private static final int COMMANDS = 200;
    /**
     * Each command logs ten console lines of 8000 characters: eleven events and about 80 KB per command, 16 MB
     * in all. On loopback (MTU 64 KB) the hub's socket send buffer alone takes up to 4 MB (tcp_wmem) before a
     * write stays pending; the per-connection queue (1000 events, about 8 MB here) comes on top.
     */
    private static final String NOISY = "(n) => { for (let i = 0; i < 10; i++) console.log(n + ':' + i + ':' + 'x'.repeat(8000)); return n; }";

    @Test
    void aStalledSubscriberHoldsBoundedMemoryEveryCommandStillAnswersAndItIsToldWhatItMissed() throws Exception {
        try (RpcClient driver = client("busy-agent", "agent")) {
            String s = fresh(driver, "sharing-slow", "sharing-control.html");
            run(driver, s, 20); // warm-up: JIT, page, log file
            long alone = run(driver, s, COMMANDS);

            long afterSubscribe;
            long stalled;
            try (RawWebSocket stuck = new RawWebSocket(Hub.base(), Hub.TOKEN)) {
                stuck.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"events.subscribe\",\"params\":{\"session\":\"" + s + "\"}}");
                JsonNode subscribed;
                TreeSet<Long> delivered = new TreeSet<>();
                do {
                    // the journal's event for this very call may come before the response
                    subscribed = RpcClient.JSON.readTree(stuck.readText());
                    if (subscribed.path("method").asText().equals("event")) {
                        delivered.add(subscribed.at("/params/seq").asLong());
                    }
                } while (!subscribed.has("id"));
                assertTrue(subscribed.at("/result/subscribed").asBoolean(), subscribed.toString());
                afterSubscribe = subscribed.at("/result/seq").asLong();
                // from here on the subscriber reads nothing

                stalled = run(driver, s, COMMANDS);
                long lastSeq = lastSeq(s);

                // it wakes up: every event since it subscribed was either delivered or reported as dropped
                long dropped = 0;
                long droppedFirst = Long.MAX_VALUE;
                long droppedLast = 0;
                while (delivered.size() + dropped < lastSeq - afterSubscribe) {
                    String text = stuck.readText();
                    assertNotNull(text, "the hub closed the stalled subscriber's connection");
                    JsonNode message = RpcClient.JSON.readTree(text);
                    String method = message.path("method").asText();
                    if (method.equals("events.dropped")) {
                        assertEquals(s, message.at("/params/session").asText());
                        dropped += message.at("/params/count").asLong();
                        droppedFirst = Math.min(droppedFirst, message.at("/params/firstSeq").asLong());
                        droppedLast = Math.max(droppedLast, message.at("/params/lastSeq").asLong());
                    } else if (method.equals("event")) {
                        long seq = message.at("/params/seq").asLong();
                        if (seq <= lastSeq) {
                            assertTrue(delivered.add(seq), "seq " + seq + " delivered twice");
                        }
                    }
                }
                System.out.printf("%d commands: %d ms alone, %d ms with a stalled subscriber; of its %d events, %d were "
                                + "delivered and %d dropped (seq %d..%d)%n",
                        COMMANDS, alone, stalled, lastSeq - afterSubscribe, delivered.size(), dropped, droppedFirst, droppedLast);

                assertTrue(dropped > 0, "the stalled subscriber's queue must be bounded, so some events were dropped");
                assertEquals(lastSeq - afterSubscribe, delivered.size() + dropped, "each event delivered or counted as dropped");
                assertEquals(droppedLast - droppedFirst + 1, dropped, "the oldest events went, as one run");
                assertTrue(delivered.subSet(droppedFirst, true, droppedLast, true).isEmpty(), "nothing delivered inside the dropped run");
                assertEquals(afterSubscribe + 1, Math.min(delivered.isEmpty() ? Long.MAX_VALUE : delivered.first(), droppedFirst),
                        "nothing lost silently at the start");
            }
            assertTrue(stalled > 0 && alone > 0);
        }
    }

    /** Runs the commands; every one must complete with its own result. Returns the elapsed ms. */
    private static long run(RpcClient driver, String s, int commands) {
        long t0 = System.nanoTime();
        for (int i = 0; i < commands; i++) {
            JsonNode r = driver.call("page.evaluate", Map.of("session", s, "function", NOISY, "arg", i));
            assertEquals(i, r.get("value").asInt());
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The seq of the newest activity entry, read over REST, which adds no entry of its own. */
    private static long lastSeq(String s) throws Exception {
        String[] lines = Hub.http().get("/api/sessions/" + s + "/activity").then().statusCode(200).extract().asString().split("\n");
        return RpcClient.JSON.readTree(lines[lines.length - 1]).get("seq").asLong();
    }
}
