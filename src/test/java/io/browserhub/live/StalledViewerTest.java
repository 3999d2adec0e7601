package io.browserhub.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.SharedSessions;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A viewer that stops reading its socket but keeps acknowledging frames (blindly, or with acks already on their
 * way) must not have frames piled up for it without end: once its socket is full it gets no more, while the
 * session and other clients carry on.
 */
@QuarkusTest
class StalledViewerTest {

    @Test
    void aViewerThatAcknowledgesButNeverReadsStopsGettingFrames() throws Exception {
        try (RpcClient agent = Hub.connect(); RawWebSocket viewer = new RawWebSocket(Hub.base(), Hub.TOKEN)) {
            String s = SharedSessions.fresh(agent, "stalled-viewer", "animation.html");
            viewer.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"screencast.start\",\"params\":{\"session\":\"" + s
                    + "\",\"window\":32,\"quality\":100}}");
            // the counters appear once the hub has handled the viewer's start, which races the agent's hub.info (the viewer reads no answer)
            for (int wait = 0; wait < 300 && !stats(agent, s).has("sent"); wait++) {
                Thread.sleep(50);
            }
            assertTrue(stats(agent, s).has("sent"), "the screencast never started: " + agent.call("hub.info"));
            // the viewer never reads from here on; it acknowledges whatever may have been sent, every 50 ms
            long previous = -1;
            long stableSince = 0;
            int acks = 0;
            for (int round = 0; round < 600 && stableSince < 40; round++) {
                viewer.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"screencast.ack\",\"params\":{\"session\":\"" + s
                        + "\",\"seq\":" + (1_000_000L * ++acks) + "}}");
                Thread.sleep(50);
                long sent = stats(agent, s).get("sent").asLong();
                stableSince = sent == previous ? stableSince + 1 : 0;
                previous = sent;
            }
            JsonNode stats = stats(agent, s);
            assertEquals(40, stableSince, "frames kept being sent to a viewer that reads nothing: " + stats);
            long produced = stats.get("produced").asLong();
            Thread.sleep(1000);
            JsonNode later = stats(agent, s);
            assertTrue(later.get("produced").asLong() > produced, "the page kept animating: " + later);
            assertEquals(stats.get("sent").asLong(), later.get("sent").asLong(), "and the stalled viewer got none of it: " + later);
            assertEquals("animation", agent.call("page.title", Map.of("session", s)).get("title").asText());
        }
    }

    private static JsonNode stats(RpcClient agent, String session) {
        return agent.call("hub.info").at("/screencast/sessions/" + session);
    }
}
