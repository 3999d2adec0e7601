package io.browserhub.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.SharedSessions;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * session.thumbnail and trace.status: what an overview asks of every session, again and again. They answer for a
 * running browser, never start a stopped one, and leave no trace: no activity (an open overview must not keep idle
 * browsers alive), no activity-log lines.
 */
@QuarkusTest
class GlancesTest {

    @Test
    void aThumbnailShowsARunningSessionAndNeverStartsOrTouchesOne() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            String id = SharedSessions.fresh(agent, "glance", "dashboard-blue.html");
            String before = agent.call("session.get", Map.of("id", id)).get("lastActivityAt").asText();
            long seq = agent.call("session.activity", Map.of("id", id, "limit", 1000)).get("nextSeq").asLong();

            JsonNode thumb = agent.call("session.thumbnail", Map.of("session", id));
            assertTrue(thumb.get("running").asBoolean());
            assertEquals("image/jpeg", thumb.get("mimeType").asText());
            byte[] jpeg = Base64.getDecoder().decode(thumb.get("data").asText());
            assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8}, Arrays.copyOf(jpeg, 2));
            assertEquals(1280, thumb.get("width").asInt());
            assertEquals(before, agent.call("session.get", Map.of("id", id)).get("lastActivityAt").asText(),
                    "a thumbnail of a running session does not count as activity");
            assertEquals(agent.call("tab.list", Map.of("session", id)).get("tabs").get(0).get("id").asText(), thumb.get("tab").asText());
            agent.call("trace.start", Map.of("session", id));
            assertTrue(agent.call("trace.status", Map.of("session", id)).get("recording").asBoolean());
            agent.call("trace.stop", Map.of("session", id));
            assertFalse(agent.call("trace.status", Map.of("session", id)).get("recording").asBoolean());

            agent.call("session.stop", Map.of("id", id));
            String stoppedAt = agent.call("session.get", Map.of("id", id)).get("lastActivityAt").asText();
            assertFalse(agent.call("session.thumbnail", Map.of("session", id)).get("running").asBoolean());
            assertFalse(agent.call("trace.status", Map.of("session", id)).get("recording").asBoolean());
            JsonNode after = agent.call("session.get", Map.of("id", id));
            assertEquals("stopped", after.get("state").asText(), "a glance does not start the browser");
            assertEquals(stoppedAt, after.get("lastActivityAt").asText(), "nor counts as activity");

            long thumbnails = SharedSessions.activity(agent, id).stream()
                    .filter(e -> e.get("seq").asLong() >= seq && "session.thumbnail".equals(e.path("data").path("method").asText()))
                    .count();
            assertEquals(0, thumbnails, "thumbnails stay out of the activity log");
            agent.call("session.delete", Map.of("id", id));
        }
    }
}
