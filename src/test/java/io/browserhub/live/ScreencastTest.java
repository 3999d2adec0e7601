package io.browserhub.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcClient.BinaryFrame;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Windowed screencast: fast viewers get most frames, slow ones fewer, stalled ones exactly their window, and frames
 * flow during another client's wait. Rates and latencies under load are the benchmark's (ScreencastBench); the
 * assertions here hold on a loaded 2-core machine.
 */
@QuarkusTest
class ScreencastTest {

    private static final Duration WATCH = Duration.ofSeconds(10);

    @Test
    void everyViewerGetsWhatItsWindowAllowsAndNobodySlowsAnybody() throws Exception {
        try (RpcClient agent = Hub.connect(); RpcClient fast = Hub.connect(); RpcClient slow = Hub.connect(); RpcClient stalled = Hub.connect()) {
            agent.call("session.ensure", Map.of("id", "cast"));
            agent.call("page.goto", Map.of("session", "cast", "url", TestPages.url("animation.html")));

            fast.call("screencast.start", Map.of("session", "cast"));
            slow.call("screencast.start", Map.of("session", "cast", "window", 1));
            stalled.call("screencast.start", Map.of("session", "cast", "window", 3));
            long producedAtStart = produced(agent);

            AtomicBoolean watching = new AtomicBoolean(true);
            List<BinaryFrame> fastFrames = new ArrayList<>();
            CompletableFuture<Void> fastViewer = CompletableFuture.runAsync(() -> receive(fast, watching, fastFrames, 0));
            List<BinaryFrame> slowFrames = new ArrayList<>();
            CompletableFuture<Void> slowViewer = CompletableFuture.runAsync(() -> receive(slow, watching, slowFrames, 1000));

            // an agent's 4 s wait on another connection, in the middle of the watch
            Thread.sleep(3_000);
            long waitStarted = System.currentTimeMillis();
            JsonNode waited = agent.send("page.waitFor", Map.of("session", "cast", "selector", "#never", "timeoutMs", 4_000)).join();
            long waitEnded = System.currentTimeMillis();
            assertEquals("TIMEOUT", waited.get("error").get("data").get("kind").asText());

            Thread.sleep(WATCH.toMillis() - 7_000);
            watching.set(false);
            fastViewer.join();
            slowViewer.join();
            long produced = produced(agent) - producedAtStart;

            List<BinaryFrame> stalledFrames = new ArrayList<>();
            for (BinaryFrame f; (f = stalled.nextFrame(Duration.ofMillis(200))) != null; ) {
                stalledFrames.add(f);
            }
            long duringWait = fastFrames.stream().filter(f -> f.receivedAtMs() > waitStarted && f.receivedAtMs() < waitEnded).count();
            System.out.printf("screencast over %d s: produced %d (%.1f/s); fast viewer %d (%.0f%%), %d during the 4 s wait; "
                            + "slow viewer (1 ack/s) %d; stalled viewer %d%n", WATCH.toSeconds(), produced, produced / (double) WATCH.toSeconds(),
                    fastFrames.size(), 100.0 * fastFrames.size() / produced, duringWait, slowFrames.size(), stalledFrames.size());

            assertTrue(produced > 30, "an animating page produces a stream of frames: " + produced);
            assertTrue(fastFrames.size() >= 0.75 * produced, "a viewer that acks at once gets most of the frames: "
                    + fastFrames.size() + " of " + produced);
            assertTrue(duringWait > 10, "frames keep flowing while another client's command waits: " + duringWait);
            assertTrue(slowFrames.size() >= 2 && slowFrames.size() <= WATCH.toSeconds() + 2,
                    "one ack a second with a window of 1 gets at most about one frame a second: " + slowFrames.size());
            assertTrue(slowFrames.size() < fastFrames.size() / 2, "the slow viewer gets far fewer frames than the fast one");
            assertEquals(3, stalledFrames.size(), "a viewer that never acks gets exactly its window");

            JsonNode stats = agent.call("hub.info").get("screencast").get("sessions").get("cast");
            assertTrue(stats.get("dropped").asLong() > 0, "frames the slow viewers could not take were dropped: " + stats);
            BinaryFrame first = fastFrames.get(0);
            assertEquals("screencast.frame", first.header().get("type").asText());
            assertEquals("cast", first.header().get("session").asText());
            assertEquals("jpeg", first.header().get("format").asText());
            assertEquals(1280, first.header().get("width").asInt());
            assertTrue(first.imageBytes() > 1000);
            agent.call("session.delete", Map.of("id", "cast"));
        }
    }

    /**
     * A viewer whose connection closes while a session it watches is being deleted: everything else it had ends with
     * its connection all the same (its cast of another session, its control of it), and the hub logs no error.
     */
    @Test
    void aViewerThatLeavesWhileItsSessionIsDeletedLeavesNothingBehind() throws Exception {
        try (RpcClient agent = Hub.connect(); RpcClient other = Hub.connect()) {
            for (String id : List.of("cast-gone", "cast-kept")) {
                agent.call("session.ensure", Map.of("id", id));
                agent.call("page.goto", Map.of("session", id, "url", TestPages.url("animation.html")));
            }
            RpcClient viewer = Hub.connect();
            viewer.call("screencast.start", Map.of("session", "cast-gone"));
            viewer.call("screencast.start", Map.of("session", "cast-kept"));
            viewer.call("control.acquire", Map.of("session", "cast-kept"));
            assertEquals(1, viewers(agent, "cast-kept"));

            assertNotNull(viewer.nextFrame(Duration.ofSeconds(10)), "frames of the watched sessions");
            long producedBefore = agent.call("hub.info").at("/screencast/produced").asLong();
            assertTrue(castSessions(agent).has("cast-gone"), "hub.info counts the watched session: " + castSessions(agent));

            CompletableFuture<JsonNode> deleting = agent.send("session.delete", Map.of("id", "cast-gone"));
            Thread.sleep(50); // the deletion is under way: the browser is being ended
            viewer.close();
            assertTrue(deleting.join().has("result"), "deleted: " + deleting.join());
            assertFalse(castSessions(agent).has("cast-gone"), "the hub keeps nothing of a deleted session's casts: " + castSessions(agent));
            long producedAfter = agent.call("hub.info").at("/screencast/produced").asLong();
            assertTrue(producedAfter >= producedBefore, "the total keeps the deleted session's frames: " + producedAfter + " < " + producedBefore);

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((viewers(agent, "cast-kept") > 0 || !agent.call("session.get", Map.of("id", "cast-kept")).get("controller").isNull())
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, viewers(agent, "cast-kept"), "the cast of the other session lost its viewer");
            assertTrue(agent.call("session.get", Map.of("id", "cast-kept")).get("controller").isNull(), "the viewer's control ended");
            assertTrue(other.call("control.acquire", Map.of("session", "cast-kept")).has("holder"), "another client takes control without force");
            agent.call("session.delete", Map.of("id", "cast-kept"));
            assertFalse(castSessions(agent).has("cast-kept"), "nor of the other one's, once deleted: " + castSessions(agent));
        }
    }

    private static JsonNode castSessions(RpcClient agent) {
        return agent.call("hub.info").get("screencast").get("sessions");
    }

    private static long viewers(RpcClient agent, String session) {
        JsonNode stats = agent.call("hub.info").get("screencast").get("sessions").get(session);
        return stats == null ? 0 : stats.get("viewers").asLong();
    }

    @Test
    void aNewViewerOfAStaticPageGetsAFrameAtOnceAndBase64WorksToo() throws Exception {
        try (RpcClient agent = Hub.connect(); RpcClient first = Hub.connect(); RpcClient late = Hub.connect()) {
            agent.call("session.ensure", Map.of("id", "still"));
            agent.call("page.goto", Map.of("session", "still", "url", TestPages.url("static.html")));
            first.call("screencast.start", Map.of("session", "still"));
            assertNotNull(first.nextFrame(Duration.ofSeconds(10)), "a static page still shows something");

            late.call("screencast.start", Map.of("session", "still", "binary", false));
            JsonNode frame = late.nextNotification(Duration.ofSeconds(10));
            assertNotNull(frame, "a late viewer gets the latest frame at once");
            assertEquals("screencast.frame", frame.get("method").asText());
            assertTrue(frame.get("params").get("data").asText().startsWith("/9j/"), "base64 of a JPEG");

            late.call("screencast.stop", Map.of("session", "still"));
            agent.call("session.stop", Map.of("id", "still"));
            JsonNode ended = first.nextNotification(Duration.ofSeconds(10));
            assertNotNull(ended);
            assertEquals("screencast.ended", ended.get("method").asText());
            agent.call("session.delete", Map.of("id", "still"));
        }
    }

    @Test
    void eachTabHasItsOwnScreencastAndTheActiveTabOneFollowsTheActiveTab() throws Exception {
        try (RpcClient agent = Hub.connect(); RpcClient follower = Hub.connect(); RpcClient pinned = Hub.connect()) {
            agent.call("session.ensure", Map.of("id", "tabs-cast"));
            agent.call("page.goto", Map.of("session", "tabs-cast", "url", TestPages.url("static.html")));
            String second = agent.call("tab.new", Map.of("session", "tabs-cast", "url", TestPages.url("animation.html"))).get("id").asText();
            agent.call("tab.activate", Map.of("session", "tabs-cast", "tab", "t1"));

            follower.call("screencast.start", Map.of("session", "tabs-cast"));
            pinned.call("screencast.start", Map.of("session", "tabs-cast", "tab", second));
            assertEquals("t1", follower.nextFrame(Duration.ofSeconds(10)).header().get("tab").asText(), "the follower sees the active tab");
            assertEquals(second, pinned.nextFrame(Duration.ofSeconds(10)).header().get("tab").asText(), "the pinned viewer sees its tab");

            agent.call("tab.activate", Map.of("session", "tabs-cast", "tab", second));
            boolean followed = false;
            for (int i = 0; i < 100 && !followed; i++) {
                BinaryFrame f = follower.nextFrame(Duration.ofSeconds(5));
                assertNotNull(f, "frames keep coming after the active tab changed");
                follower.sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"screencast.ack\",\"params\":{\"session\":\"tabs-cast\",\"seq\":"
                        + f.header().get("seq").asLong() + "}}");
                followed = f.header().get("tab").asText().equals(second);
            }
            assertTrue(followed, "the follower's screencast moved to the newly active tab");
            agent.call("session.delete", Map.of("id", "tabs-cast"));
        }
    }

    private static long produced(RpcClient agent) {
        JsonNode cast = agent.call("hub.info").get("screencast").get("sessions").get("cast");
        return cast == null ? 0 : cast.get("produced").asLong();
    }

    /** Receives frames until told to stop, acking each one at once (ackEveryMs 0) or the latest one every ackEveryMs. */
    private static void receive(RpcClient viewer, AtomicBoolean watching, List<BinaryFrame> into, long ackEveryMs) {
        long lastAck = System.currentTimeMillis();
        long latest = -1;
        try {
            while (watching.get()) {
                BinaryFrame f = viewer.nextFrame(Duration.ofMillis(50));
                if (f != null) {
                    into.add(f);
                    latest = f.header().get("seq").asLong();
                    if (ackEveryMs == 0) {
                        viewer.sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"screencast.ack\",\"params\":{\"session\":\"cast\",\"seq\":" + latest + "}}");
                    }
                }
                if (ackEveryMs > 0 && latest >= 0 && System.currentTimeMillis() - lastAck >= ackEveryMs) {
                    viewer.sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"screencast.ack\",\"params\":{\"session\":\"cast\",\"seq\":" + latest + "}}");
                    lastAck = System.currentTimeMillis();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
