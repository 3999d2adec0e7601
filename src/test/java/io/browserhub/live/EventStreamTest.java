package io.browserhub.live;

import static io.browserhub.support.SharedSessions.activity;
import static io.browserhub.support.SharedSessions.awaitEvent;
import static io.browserhub.support.SharedSessions.client;
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
import jakarta.inject.Inject;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Someone watches a session while an agent drives it: page events arrive in order, and the activity log keeps it all. */
@QuarkusTest
class EventStreamTest {

    @Inject
    EventHub hub;

    /**
     * A hub that creates and deletes sessions all day keeps nothing of the deleted ones, unless someone still listens:
     * a subscription is to the id, and hears the session created again under it.
     */
    @Test
    void aDeletedSessionsStreamGoesOnceNobodyListensToItsId() throws Exception {
        try (RpcClient agent = client("events-deleting", "agent"); RpcClient watcher = client("events-staying", "human")) {
            String quiet = fresh(agent, "events-deleted-quiet", "static.html");
            String watched = fresh(agent, "events-deleted-watched", "static.html");
            watcher.call("events.subscribe", Map.of("session", watched));
            assertTrue(hub.holds(quiet), "the session's start and navigation were events");
            assertTrue(hub.holds(watched));

            agent.call("session.delete", Map.of("id", quiet));
            agent.call("session.delete", Map.of("id", watched));
            assertFalse(hub.holds(quiet), "nobody listens to the deleted session: its stream is gone");
            assertTrue(hub.holds(watched), "a subscription outlives its session, for one created again under the id");

            fresh(agent, watched, "second.html");
            JsonNode again = awaitEvent(watcher, "page.navigated", e -> e.at("/data/url").asText().endsWith("second.html"));
            assertEquals(watched, again.get("session").asText(), "the subscription hears the session created again under its id");
            agent.call("session.delete", Map.of("id", watched));
            assertTrue(hub.holds(watched), "still subscribed");

            assertTrue(watcher.call("events.unsubscribe", Map.of("session", watched)).get("unsubscribed").asBoolean(),
                    "a subscription to a deleted session's id can be ended");
            assertFalse(hub.holds(watched), "its last subscriber left");
            RpcError unknown = assertThrows(RpcError.class, () -> watcher.call("events.unsubscribe", Map.of("session", watched)));
            assertEquals("SESSION_NOT_FOUND", unknown.kind(), "once nothing is subscribed, the id is unknown again");
        }
    }

    @Test
    void aWatcherSeesEveryPageEventInOrderAndTheActivityLogNamesWhoRanEachCommand() throws Exception {
        try (RpcClient agent = client("events-agent", "agent"); RpcClient watcher = client("watcher", "human")) {
            String s = fresh(agent, "sharing-events", "sharing-events.html");
            JsonNode subscribed = watcher.call("events.subscribe", Map.of("session", s,
                    "kinds", List.of("page.console", "page.error", "page.dialog", "page.download", "tab")));
            assertTrue(subscribed.get("subscribed").asBoolean());
            List<JsonNode> seen = new ArrayList<>();

            agent.call("page.click", Map.of("session", s, "selector", "#log"));
            awaitEvent(watcher, "page.console", e -> true, seen);
            agent.call("page.click", Map.of("session", s, "selector", "#throw"));
            awaitEvent(watcher, "page.error", e -> true, seen);

            CompletableFuture<JsonNode> alerting = agent.send("page.click", Map.of("session", s, "selector", "#alert"));
            awaitEvent(watcher, "page.dialog", e -> true, seen);
            watcher.call("page.handleDialog", Map.of("session", s, "accept", true));
            awaitEvent(watcher, "page.dialog.closed", e -> true, seen);
            RpcClient.await(alerting);

            agent.call("page.click", Map.of("session", s, "selector", "#popup"));
            awaitEvent(watcher, "tab.opened", e -> true, seen);
            // the popup became the active tab: the rest happens on the first one
            agent.call("page.click", Map.of("session", s, "tab", "t1", "selector", "#download"));
            awaitEvent(watcher, "page.download.saved", e -> true, seen);
            agent.call("tab.close", Map.of("session", s, "tab", "t2"));
            awaitEvent(watcher, "tab.closed", e -> true, seen);
            agent.call("page.fill", Map.of("session", s, "tab", "t1", "selector", "#secret", "value", "hunter2-secret"));
            agent.call("page.evaluate", Map.of("session", s, "function", "() => console.log('the end')"));
            awaitEvent(watcher, "page.console", e -> e.at("/data/text").asText().equals("the end"), seen);

            List<String> kinds = seen.stream().map(n -> n.get("method").asText() + " " + n.at("/params/kind").asText()).toList();
            assertEquals(List.of("event page.console", "event page.error", "event page.dialog", "event page.dialog.closed",
                    "event tab.opened", "event page.download", "event page.download.saved", "event tab.closed",
                    "event page.console"), kinds, "exactly these events, in this order");
            List<JsonNode> events = seen.stream().map(n -> n.get("params")).toList();
            assertEquals("hello from sharing", events.get(0).at("/data/text").asText());
            assertEquals("log", events.get(0).at("/data/type").asText());
            assertEquals("TypeError", events.get(1).at("/data/name").asText());
            assertEquals("sharing boom", events.get(1).at("/data/message").asText());
            assertTrue(events.get(1).at("/data/stack").asText().matches("TypeError: sharing boom\\n\\s+at [\\s\\S]*"),
                    events.get(1).at("/data/stack").asText());
            assertEquals("alert", events.get(2).at("/data/type").asText());
            assertEquals("sharing alert", events.get(2).at("/data/message").asText());
            assertEquals("answered", events.get(3).at("/data/how").asText());
            assertTrue(events.get(3).at("/data/accepted").asBoolean());
            assertEquals("t2", events.get(4).get("tab").asText());
            assertEquals("report.txt", events.get(5).at("/data/suggestedFilename").asText());
            Path saved = Path.of(events.get(6).at("/data/path").asText());
            assertEquals("report.txt", saved.getFileName().toString());
            assertEquals("downloads", saved.getParent().getFileName().toString());
            assertEquals("report body", Files.readString(saved));
            assertEquals("t2", events.get(7).get("tab").asText());
            for (int i = 0; i < events.size(); i++) {
                assertEquals(s, events.get(i).get("session").asText());
                assertFalse(events.get(i).get("ts").asText().isEmpty());
                if (i > 0) {
                    assertTrue(events.get(i).get("seq").asLong() > events.get(i - 1).get("seq").asLong(), "seq grows: " + events);
                }
            }

            List<JsonNode> log = activity(watcher, s);
            for (int i = 1; i < log.size(); i++) {
                assertEquals(log.get(i - 1).get("seq").asLong() + 1, log.get(i).get("seq").asLong(), "no gaps in the log");
            }
            // every event the watcher saw is in the log under the same seq
            for (JsonNode event : events) {
                JsonNode logged = log.stream().filter(e -> e.get("seq").asLong() == event.get("seq").asLong()).findFirst().orElseThrow();
                assertEquals(event, logged);
            }
            List<String> commands = log.stream().filter(e -> e.get("kind").asText().equals("command"))
                    .map(e -> e.at("/data/client/name").asText() + " " + e.at("/data/method").asText()
                            + (e.at("/data/selector").isMissingNode() ? "" : " " + e.at("/data/selector").asText())
                            + " " + e.at("/data/outcome").asText())
                    .toList();
            assertEquals(List.of(
                    "events-agent session.create ok",
                    "events-agent page.goto ok",
                    "watcher events.subscribe ok",
                    "events-agent page.click #log ok",
                    "events-agent page.click #throw ok",
                    "watcher page.handleDialog ok",
                    "events-agent page.click #alert ok",
                    "events-agent page.click #popup ok",
                    "events-agent page.click #download ok",
                    "events-agent tab.close ok",
                    "events-agent page.fill #secret ok",
                    "events-agent page.evaluate ok"), commands.subList(0, 12));
            assertTrue(commands.subList(12, commands.size()).stream().allMatch(c -> c.equals("watcher session.activity ok")), commands.toString());
            JsonNode goto_ = log.stream().filter(e -> e.at("/data/method").asText().equals("page.goto")).findFirst().orElseThrow();
            assertEquals(TestPages.url("sharing-events.html"), goto_.at("/data/url").asText());
            assertEquals("agent", goto_.at("/data/client/kind").asText());
            assertTrue(goto_.at("/data/durationMs").asDouble() > 0);
            JsonNode fill = log.stream().filter(e -> e.at("/data/method").asText().equals("page.fill")).findFirst().orElseThrow();
            assertEquals(14, fill.at("/data/lengths/value").asInt(), "the length of what was typed, never the text");

            String lines = Hub.http().get("/api/sessions/" + s + "/activity").then().statusCode(200)
                    .contentType(org.hamcrest.Matchers.startsWith("application/x-ndjson")).extract().asString();
            assertFalse(lines.contains("hunter2-secret"), "typed text must never reach the activity log");
            List<String> rows = lines.lines().toList();
            assertTrue(rows.size() >= log.size(), rows.size() + " lines for " + log.size() + " entries");
            for (int i = 0; i < log.size(); i++) {
                assertEquals(log.get(i), RpcClient.JSON.readTree(rows.get(i)));
            }
            Path file = Path.of(saved.getParent().getParent().toString(), "activity.jsonl");
            assertFalse(Files.readString(file).contains("hunter2-secret"));
        }
    }

    @Test
    void networkEventsFlowOnlyWhileSomeoneSubscribedToThem() throws Exception {
        try (RpcClient agent = client("network-agent", "agent"); RpcClient watcher = client("network-watcher", "human")) {
            String s = fresh(agent, "sharing-network", "sharing-events.html");
            String url = TestPages.url("sharing-popup.html");
            JsonNode all = watcher.call("events.subscribe", Map.of("session", s));
            assertFalse(all.get("kinds").toString().contains("network"), "network traffic must be asked for by name: " + all);

            watcher.call("events.subscribe", Map.of("session", s, "kinds", List.of("network", "page.load")));
            agent.call("page.goto", Map.of("session", s, "url", url));
            JsonNode request = awaitEvent(watcher, "network.request", e -> e.at("/data/url").asText().equals(url));
            assertEquals("GET", request.at("/data/method").asText());
            assertEquals("document", request.at("/data/resourceType").asText());
            assertEquals("t1", request.get("tab").asText());
            JsonNode response = awaitEvent(watcher, "network.response", e -> e.at("/data/url").asText().equals(url));
            assertEquals(200, response.at("/data/status").asInt());
            agent.call("page.goto", Map.of("session", s, "url", TestPages.url("no-such-sharing-page.html")));
            assertEquals(404, awaitEvent(watcher, "network.response", e -> true).at("/data/status").asInt());
            awaitEvent(watcher, "page.load", e -> true);

            assertTrue(watcher.call("events.unsubscribe", Map.of("session", s)).get("unsubscribed").asBoolean());
            long before = lastSeq(agent, s);
            agent.call("page.goto", Map.of("session", s, "url", url));
            agent.call("page.reload", Map.of("session", s));
            List<JsonNode> after = activity(agent, s).stream().filter(e -> e.get("seq").asLong() > before).toList();
            assertTrue(after.stream().anyMatch(e -> e.get("kind").asText().equals("page.load")), after.toString());
            assertTrue(after.stream().noneMatch(e -> e.get("kind").asText().startsWith("network.")),
                    "with nobody subscribed, the network listeners are detached: " + after);
            List<JsonNode> firstVisit = activity(agent, s).stream()
                    .takeWhile(e -> !e.at("/data/method").asText().equals("events.subscribe")).toList();
            assertTrue(firstVisit.stream().noneMatch(e -> e.get("kind").asText().startsWith("network.")),
                    "before anyone subscribed, no network events either: " + firstVisit);

            RpcError unknown = assertThrows(RpcError.class,
                    () -> watcher.call("events.subscribe", Map.of("session", s, "kinds", List.of("page.scroll"))));
            assertEquals("INVALID_PARAMS", unknown.kind());
            RpcError missing = assertThrows(RpcError.class, () -> watcher.call("events.subscribe", Map.of("session", "sharing-none")));
            assertEquals("SESSION_NOT_FOUND", missing.kind());
        }
    }

    @Test
    void aDownloadStillInProgressDoesNotHoldUpCommands() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (exchange) {
                if (exchange.getRequestURI().getPath().equals("/big.bin")) {
                    exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"big.bin\"");
                    exchange.sendResponseHeaders(200, 200_000);
                    exchange.getResponseBody().write(new byte[100_000]);
                    exchange.getResponseBody().flush();
                    finish.await(); // the second half comes when the test says so
                    exchange.getResponseBody().write(new byte[100_000]);
                } else {
                    byte[] page = "<title>sharing slow download</title><a id=big href=/big.bin>big</a>".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, page.length);
                    exchange.getResponseBody().write(page);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        try (RpcClient agent = client("download-agent", "agent"); RpcClient watcher = client("download-watcher", "human")) {
            String s = fresh(agent, "sharing-slow-download", null);
            agent.call("page.goto", Map.of("session", s, "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/"));
            watcher.call("events.subscribe", Map.of("session", s, "kinds", List.of("page.download")));
            agent.call("page.click", Map.of("session", s, "selector", "#big"));
            assertEquals("big.bin", awaitEvent(watcher, "page.download", e -> true).at("/data/suggestedFilename").asText());

            // half the file has arrived, the rest is held back: the session keeps serving commands
            for (int i = 0; i < 5; i++) {
                assertEquals("sharing slow download", agent.call("page.title", Map.of("session", s)).get("title").asText());
                agent.call("page.evaluate", Map.of("session", s, "function", "() => new Promise(r => setTimeout(r, 50))"));
            }
            finish.countDown();
            JsonNode saved = awaitEvent(watcher, "page.download.saved", e -> true);
            assertEquals(200_000, saved.at("/data/bytes").asLong());
            assertEquals(200_000, Files.size(Path.of(saved.at("/data/path").asText())));
        } finally {
            finish.countDown();
            server.stop(0);
        }
    }

    private static long lastSeq(RpcClient client, String s) {
        List<JsonNode> log = activity(client, s);
        return log.get(log.size() - 1).get("seq").asLong();
    }
}
