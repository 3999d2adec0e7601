package io.browserhub.data;

import static io.browserhub.support.SharedSessions.awaitEvent;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A screenshot recording: pictures at the interval and after each driving command, stored as JPEG files that can be
 * fetched, and a timeline that puts them in order beside the commands that led to them.
 */
@QuarkusTest
class RecordingTest {

    @Test
    void aRecordingPicturesEachIntervalAndEachCommandInTimelineOrder() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            String id = fresh(agent, "recorded", "data-download.html");
            agent.call("events.subscribe", Map.of("session", id, "kinds", List.of("screenshot")));
            assertEquals("INVALID_PARAMS", assertThrows(RpcError.class,
                    () -> agent.call("recording.start", Map.of("session", id, "intervalMs", 5))).kind());
            agent.call("recording.start", Map.of("session", id, "intervalMs", 300));

            // the interval: one picture right away, then one per interval while nothing else happens
            List<JsonNode> intervals = new ArrayList<>();
            while (intervals.size() < 3) {
                JsonNode shot = awaitEvent(agent, "screenshot", e -> true);
                assertEquals("interval", shot.at("/data/trigger").asText(), shot.toString());
                intervals.add(shot);
            }
            // each driving command: a picture after it, naming it
            List<String> commands = List.of("page.click", "page.goto");
            agent.call("page.click", Map.of("session", id, "selector", "#paint"));
            JsonNode afterClick = awaitEvent(agent, "screenshot", e -> "command".equals(e.at("/data/trigger").asText()));
            assertEquals("page.click", afterClick.at("/data/after").asText());
            assertEquals(1, afterClick.at("/data/commands").asInt());
            agent.call("page.goto", Map.of("session", id, "url", TestPages.url("static.html")));
            JsonNode afterGoto = awaitEvent(agent, "screenshot", e -> "command".equals(e.at("/data/trigger").asText()));
            assertEquals("page.goto", afterGoto.at("/data/after").asText());
            assertEquals(TestPages.url("static.html"), afterGoto.at("/data/pageUrl").asText());
            JsonNode stopped = agent.call("recording.stop", Map.of("session", id));
            assertTrue(stopped.get("shots").asInt() >= 5, stopped.toString());
            assertThrows(RpcError.class, () -> agent.call("recording.stop", Map.of("session", id)));

            // every picture is a JPEG file that can be fetched
            for (JsonNode shot : List.of(intervals.get(0), afterClick, afterGoto)) {
                byte[] jpeg = Hub.http().get(shot.at("/data/url").asText()).then().statusCode(200).contentType("image/jpeg")
                        .extract().asByteArray();
                assertEquals((byte) 0xFF, jpeg[0]);
                assertEquals((byte) 0xD8, jpeg[1]);
                assertEquals(shot.at("/data/bytes").asInt(), jpeg.length);
                assertEquals(1280, shot.at("/data/width").asInt(), "CSS pixels of the viewport");
            }
            JsonNode files = agent.call("files.list", Map.of("session", id, "kind", "recording")).get("files");
            assertEquals(stopped.get("shots").asInt(), files.size());

            // the timeline: in seq and time order, each command picture after its command, reads left out
            List<JsonNode> timeline = timeline(agent, id);
            long lastSeq = -1;
            Instant lastTs = Instant.EPOCH;
            for (JsonNode e : timeline) {
                assertTrue(e.get("seq").asLong() > lastSeq, "seq order at " + e);
                Instant ts = Instant.parse(e.get("ts").asText());
                assertFalse(ts.isBefore(lastTs.minusMillis(5)), "time order at " + e);
                lastSeq = e.get("seq").asLong();
                lastTs = ts;
                assertFalse(e.get("kind").asText().equals("command") && e.at("/data/method").asText().equals("files.list"),
                        "reads are not in the timeline: " + e);
            }
            for (String method : commands) {
                int command = indexOf(timeline, e -> "command".equals(e.get("kind").asText()) && method.equals(e.at("/data/method").asText()));
                int shot = indexOf(timeline, e -> "screenshot".equals(e.get("kind").asText()) && method.equals(e.at("/data/after").asText()));
                assertTrue(command >= 0 && shot > command, method + ": its picture comes after it in " + timeline);
                JsonNode picture = timeline.get(shot);
                assertTrue(picture.get("url").asText().startsWith("/api/sessions/" + id + "/files/recording/"), picture.toString());
            }
            agent.call("session.delete", Map.of("id", id));
        }
    }

    private static List<JsonNode> timeline(RpcClient agent, String id) {
        List<JsonNode> entries = new ArrayList<>();
        long since = 0;
        while (true) {
            JsonNode page = agent.call("session.timeline", Map.of("session", id, "sinceSeq", since, "limit", 50));
            page.get("entries").forEach(entries::add);
            if (page.get("entries").size() < 50) {
                return entries;
            }
            since = page.get("nextSeq").asLong();
        }
    }

    private interface Match {
        boolean test(JsonNode e);
    }

    private static int indexOf(List<JsonNode> entries, Match match) {
        for (int i = 0; i < entries.size(); i++) {
            if (match.test(entries.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
