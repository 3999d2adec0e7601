package io.browserhub.grid;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcClient.BinaryFrame;
import io.browserhub.support.RpcError;
import io.browserhub.support.SharedSessions;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions placed on a real Selenium Grid 4: driven, watched and kept exactly like local ones, their browser on a
 * Grid node and their profile pinned to it.
 */
@QuarkusTest
class GridSessionsTest {

    private static TestGrid grid;

    @BeforeAll
    static void startTheGrid() {
        grid = TestGrid.shared();
    }

    @Test
    void aSessionOnTheGridIsDrivenAndStreamedLikeALocalOne() throws Exception {
        try (RpcClient agent = Hub.connect(); RpcClient viewer = Hub.connect()) {
            JsonNode info = fresh(agent, "grid-drive", Map.of("viewport", Map.of("width", 800, "height", 600)));
            assertEquals("grid", info.get("placement").asText());
            assertEquals(TestGrid.NODE, info.get("node").asText());
            assertEquals("running", info.get("state").asText());
            assertTrue(grid.sessionOf("grid-drive").isPresent(), "the Grid runs the session's Chrome: " + grid.status());

            agent.call("page.goto", Map.of("session", "grid-drive", "url", TestPages.url("form.html")));
            agent.call("page.fill", Map.of("session", "grid-drive", "selector", "#name", "value", "Ada"));
            agent.call("page.check", Map.of("session", "grid-drive", "selector", "#terms"));
            JsonNode seen = agent.call("page.evaluate", Map.of("session", "grid-drive",
                    "function", "() => [document.querySelector('#name').value, document.querySelector('#terms').checked, innerWidth, innerHeight]"));
            assertEquals("[\"Ada\",true,800,600]", seen.get("value").toString());

            viewer.call("screencast.start", Map.of("session", "grid-drive"));
            agent.call("page.goto", Map.of("session", "grid-drive", "url", TestPages.url("animation.html")));
            BinaryFrame frame = viewer.nextFrame(Duration.ofSeconds(30));
            assertNotNull(frame, "a screencast frame from the Grid's Chrome");
            assertEquals("grid-drive", frame.header().get("session").asText());
            assertTrue(frame.imageBytes() > 0);
            viewer.call("screencast.ack", Map.of("session", "grid-drive", "seq", frame.header().get("seq").asLong()));
            assertNotNull(viewer.nextFrame(Duration.ofSeconds(30)), "frames keep coming once acknowledged");

            // above the seam as for a local session: events, the activity log, the CDP door (reachable: the node runs on this machine)
            agent.call("events.subscribe", Map.of("session", "grid-drive", "kinds", List.of("page.navigated")));
            agent.call("page.goto", Map.of("session", "grid-drive", "url", TestPages.url("static.html")));
            JsonNode navigated = SharedSessions.awaitEvent(agent, "page.navigated",
                    e -> e.path("data").path("url").asText().endsWith("/static.html"));
            assertEquals("grid-drive", navigated.get("session").asText());
            String activity = SharedSessions.activity(agent, "grid-drive").toString();
            assertTrue(activity.contains("page.fill"), activity);
            Hub.http().get("/cdp/grid-drive/json/version").then().statusCode(200)
                    .body("Browser", containsString("Chrome"));

            JsonNode listed = agent.call("session.list", Map.of());
            JsonNode mine = null;
            for (JsonNode s : listed.get("sessions")) {
                if (s.get("id").asText().equals("grid-drive")) {
                    mine = s;
                }
            }
            assertNotNull(mine);
            assertEquals("grid", mine.get("placement").asText());
            agent.call("session.delete", Map.of("id", "grid-drive"));
            assertTrue(eventually(() -> grid.sessionOf("grid-drive").isEmpty()), "deleting the session ends its Grid session");
        }
    }

    @Test
    void stopFreesTheSlotAndResumeOnTheSameNodeKeepsTheLogin() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            fresh(agent, "grid-login", Map.of());
            agent.call("page.goto", Map.of("session", "grid-login", "url", TestPages.url("login?user=grace")));
            String first = grid.sessionOf("grid-login").orElseThrow();
            int freeWhileRunning = grid.freeSlots();

            assertEquals("stopped", agent.call("session.stop", Map.of("id", "grid-login")).get("state").asText());
            // the Grid's /status hears of the freed slot by its event bus, a moment after the session ended
            assertTrue(eventually(() -> !grid.sessionIds().contains(first)), "stop ends the Grid session: " + grid.status());
            assertTrue(eventually(() -> grid.freeSlots() == freeWhileRunning + 1), "and gives its slot back: " + grid.status());
            String saved = Files.readString(sessionJson("grid-login"));
            assertTrue(saved.contains("\"node\" : \"" + TestGrid.NODE + "\""), "session.json pins the node: " + saved);

            agent.call("page.goto", Map.of("session", "grid-login", "url", TestPages.url("whoami")));
            assertEquals("login=grace", agent.call("page.text", Map.of("session", "grid-login", "selector", "#cookie")).get("text").asText());
            String second = grid.sessionOf("grid-login").orElseThrow();
            assertNotEquals(first, second, "resumed in a new Grid session");
            assertEquals(TestGrid.NODE, agent.call("session.get", Map.of("id", "grid-login")).get("node").asText());
            agent.call("session.delete", Map.of("id", "grid-login"));
        }
    }

    @Test
    void aGridSessionThatDisappearsIsCrashedAndTheNextCommandResumesIt() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            fresh(agent, "grid-vanish", Map.of());
            agent.call("page.goto", Map.of("session", "grid-vanish", "url", TestPages.url("login?user=heidi")));
            grid.deleteSession(grid.sessionOf("grid-vanish").orElseThrow());

            JsonNode info = awaitState(agent, "grid-vanish", "crashed");
            assertEquals(TestGrid.NODE, info.get("node").asText());
            agent.call("page.goto", Map.of("session", "grid-vanish", "url", TestPages.url("whoami")));
            assertEquals("login=heidi", agent.call("page.text", Map.of("session", "grid-vanish", "selector", "#cookie")).get("text").asText());
            assertEquals("running", agent.call("session.get", Map.of("id", "grid-vanish")).get("state").asText());
            agent.call("session.delete", Map.of("id", "grid-vanish"));
        }
    }

    @Test
    void anIdleSessionOutlivesTheNodesSessionTimeout() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            fresh(agent, "grid-idle", Map.of());
            agent.call("page.goto", Map.of("session", "grid-idle", "url", TestPages.url("static.html")));
            String gridSession = grid.sessionOf("grid-idle").orElseThrow();
            // beside it, a plain WebDriver session idle as long: the node ends sessions without activity for 10 s
            // (gone for WebDriver commands at once; its sweep every 30 s frees the slot later)
            String plain = grid.createPlainSession();
            Thread.sleep(16_000);
            boolean plainKept = grid.answersFor(plain);
            grid.deleteSession(plain);
            assertFalse(plainKept, "the node's session timeout ended the plain session idle as long: " + grid.status());
            assertTrue(grid.answersFor(gridSession), "the hub's session outlived the node's timeout: " + grid.status());
            assertTrue(grid.sessionIds().contains(gridSession), "the Grid lists it: " + grid.status());
            assertEquals("running", agent.call("session.get", Map.of("id", "grid-idle")).get("state").asText());
            assertTrue(agent.call("page.url", Map.of("session", "grid-idle")).get("url").asText().endsWith("/static.html"));
            agent.call("session.delete", Map.of("id", "grid-idle"));
        }
    }

    @Test
    void placementIsCheckedBeforeAnythingIsCreated() {
        try (RpcClient agent = Hub.connect()) {
            RpcError nowhere = assertThrows(RpcError.class,
                    () -> agent.call("session.create", Map.of("id", "grid-nowhere", "placement", "moon")));
            assertEquals("INVALID_PARAMS", nowhere.kind());
            assertTrue(nowhere.message().contains("\"grid\""), nowhere.message());
            assertEquals("SESSION_NOT_FOUND", assertThrows(RpcError.class,
                    () -> agent.call("session.get", Map.of("id", "grid-nowhere"))).kind());

            agent.call("session.ensure", Map.of("id", "grid-stays-local"));
            assertEquals("local", agent.call("session.get", Map.of("id", "grid-stays-local")).get("placement").asText());
            RpcError move = assertThrows(RpcError.class,
                    () -> agent.call("session.ensure", Map.of("id", "grid-stays-local", "placement", "grid")));
            assertEquals("INVALID_PARAMS", move.kind());
            agent.call("session.delete", Map.of("id", "grid-stays-local"));
        }
    }

    @Test
    void readinessReportsTheGrid() {
        Hub.http().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'grid' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'grid' }.data.ready", equalTo(true))
                .body("checks.find { it.name == 'grid' }.data.nodes", containsString(TestGrid.NODE));
    }

    /** A new Grid session with this id, an earlier one of that id deleted first. */
    static JsonNode fresh(RpcClient agent, String id, Map<String, Object> options) {
        try {
            agent.call("session.delete", Map.of("id", id));
        } catch (RpcError e) {
            assertEquals("SESSION_NOT_FOUND", e.kind());
        }
        Map<String, Object> params = new HashMap<>(options);
        params.put("id", id);
        params.put("placement", "grid");
        return agent.call("session.create", params);
    }

    /** session.get until the session is in this state (it changes when the hub notices, within seconds). */
    static JsonNode awaitState(RpcClient agent, String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode info;
        do {
            info = agent.call("session.get", Map.of("id", id));
            if (info.get("state").asText().equals(state)) {
                return info;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("session " + id + " never became " + state + ": " + info);
    }

    /** Whether the condition holds within 10 s (for what the Grid learns asynchronously). */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    static Path sessionJson(String id) {
        return Hub.dataDir().resolve("sessions").resolve(id).resolve("session.json");
    }
}
