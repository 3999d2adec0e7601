package io.browserhub.grid;

import static io.browserhub.grid.GridSessionsTest.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * When the Grid, a node or the Grid's queue fails, the sessions placed there answer SESSION_UNAVAILABLE naming the
 * Grid and the node; local sessions do not notice; and once the Grid is back, the session resumes with its login.
 */
@QuarkusTest
class GridFailureTest {

    @Test
    void gridKilledMidSessionThenNodeGoneThenBack() throws Exception {
        TestGrid grid = TestGrid.shared();
        String url = grid.url().toString();
        try (RpcClient agent = Hub.connect()) {
            fresh(agent, "grid-away", Map.of());
            agent.call("page.goto", Map.of("session", "grid-away", "url", TestPages.url("login?user=ivan")));
            // Chrome writes cookies to disk every 30 s or when it closes; a stop closes it, so the login is on the node
            // when the Grid is killed below
            agent.call("session.stop", Map.of("id", "grid-away"));
            agent.call("page.goto", Map.of("session", "grid-away", "url", TestPages.url("static.html")));
            agent.call("session.ensure", Map.of("id", "local-stays"));
            agent.call("page.goto", Map.of("session", "local-stays", "url", TestPages.url("static.html")));
            try {
                grid.kill();

                // the first command may meet the closed connection itself; then the session restarts and cannot
                RpcError away = unavailableNaming(agent, url);
                assertTrue(away.message().contains(TestGrid.NODE), away.message());
                assertEquals("static", agent.call("page.title", Map.of("session", "local-stays")).get("title").asText(),
                        "a local session does not notice");
                Hub.http().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'grid' }.data.ready", Matchers.equalTo(false))
                        .body("checks.find { it.name == 'grid' }.data.reason", Matchers.containsString("not reachable"));

                // the Grid is back, but the node the profile lives on is not
                grid = TestGrid.restartShared("node-b");
                RpcError nodeGone = assertThrows(RpcError.class, () -> agent.call("page.url", Map.of("session", "grid-away")));
                assertEquals("SESSION_UNAVAILABLE", nodeGone.kind());
                assertTrue(nodeGone.message().contains("node " + TestGrid.NODE) && nodeGone.message().contains(url), nodeGone.message());
                JsonNode newcomer = fresh(agent, "grid-newcomer", Map.of());
                assertEquals("node-b", newcomer.get("node").asText(), "new sessions go wherever the Grid places them");
                agent.call("session.delete", Map.of("id", "grid-newcomer"));
            } finally {
                TestGrid.restartShared(TestGrid.NODE);
            }
            agent.call("page.goto", Map.of("session", "grid-away", "url", TestPages.url("whoami")));
            assertEquals("login=ivan", agent.call("page.text", Map.of("session", "grid-away", "selector", "#cookie")).get("text").asText(),
                    "back on its node, the session has its login");
            agent.call("session.delete", Map.of("id", "grid-away"));
            agent.call("session.delete", Map.of("id", "local-stays"));
        }
    }

    @Test
    void aFullNodeAnswersOnceTheGridsQueueGivesUp() throws Exception {
        TestGrid grid = TestGrid.shared();
        List<String> others = new ArrayList<>();
        try (RpcClient agent = Hub.connect()) {
            fresh(agent, "grid-queued", Map.of());
            agent.call("session.stop", Map.of("id", "grid-queued"));
            // other Grid clients take every slot of the node the session is pinned to
            List<CompletableFuture<String>> taking = new ArrayList<>();
            for (int i = grid.freeSlots(); i > 0; i--) {
                taking.add(CompletableFuture.supplyAsync(grid::createPlainSession));
            }
            taking.forEach(f -> others.add(f.join()));

            // the test Grid's queue gives a request 8 s
            RpcError queued = assertThrows(RpcError.class, () -> agent.call("page.url", Map.of("session", "grid-queued")));
            assertEquals("SESSION_UNAVAILABLE", queued.kind());
            assertTrue(queued.message().contains(grid.url().toString()) && queued.message().contains("node " + TestGrid.NODE),
                    queued.message());

            others.forEach(grid::deleteSession);
            others.clear();
            agent.call("page.goto", Map.of("session", "grid-queued", "url", TestPages.url("static.html")));
            assertEquals("static", agent.call("page.title", Map.of("session", "grid-queued")).get("title").asText(),
                    "with a slot free again, the session starts");
            agent.call("session.delete", Map.of("id", "grid-queued"));
        } finally {
            others.forEach(grid::deleteSession);
        }
    }

    /** Calls page.url until the answer names the Grid: every answer meanwhile is SESSION_UNAVAILABLE too. */
    private static RpcError unavailableNaming(RpcClient agent, String gridUrl) {
        RpcError last = null;
        for (int i = 0; i < 5; i++) {
            last = assertThrows(RpcError.class, () -> agent.call("page.url", Map.of("session", "grid-away")));
            assertEquals("SESSION_UNAVAILABLE", last.kind(), last.message());
            if (last.message().contains(gridUrl)) {
                return last;
            }
        }
        throw new AssertionError("no answer named the Grid " + gridUrl + "; the last: " + last.message());
    }
}
