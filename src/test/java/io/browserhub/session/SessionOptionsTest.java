package io.browserhub.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.SharedSessions;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options Chromium would refuse are refused before anything exists; what the hub writes is its user's alone. */
@QuarkusTest
class SessionOptionsTest {

    @Test
    void aBadLocaleOrTimeZoneCreatesNothing() {
        try (RpcClient agent = Hub.connect()) {
            int before = agent.call("session.list").get("sessions").size();
            for (Map<String, Object> options : List.of(
                    Map.<String, Object>of("id", "opts-bad-locale", "locale", "x"),
                    Map.<String, Object>of("id", "opts-bad-zone", "timezoneId", "x"),
                    Map.<String, Object>of("id", "opts-bad-zone", "timezoneId", "+01:00"),
                    Map.<String, Object>of("id", "opts-bad-agent", "userAgent", "Mozilla\r\nX-Injected: 1"))) {
                for (String method : List.of("session.create", "session.ensure")) {
                    RpcError refused = assertThrows(RpcError.class, () -> agent.call(method, options));
                    assertEquals("INVALID_PARAMS", refused.kind(), method + " " + options);
                    assertEquals("SESSION_NOT_FOUND", assertThrows(RpcError.class,
                            () -> agent.call("session.get", Map.of("id", options.get("id")))).kind(), "nothing was created");
                }
            }
            assertEquals(before, agent.call("session.list").get("sessions").size(), "no record counts towards the cap");
        }
    }

    @Test
    void aGoodLocaleAndTimeZoneReachThePage() {
        try (RpcClient agent = Hub.connect()) {
            String id = "opts-good";
            try {
                agent.call("session.delete", Map.of("id", id));
            } catch (RpcError none) {
                // first run
            }
            agent.call("session.create", Map.of("id", id, "locale", "fr-CA", "timezoneId", "Asia/Tokyo"));
            JsonNode seen = agent.call("page.evaluate", Map.of("session", id, "function",
                    "() => [navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone]")).get("value");
            assertEquals("fr-CA", seen.get(0).asText());
            assertEquals("Asia/Tokyo", seen.get(1).asText());
            agent.call("session.delete", Map.of("id", id));
        }
    }

    @Test
    void everyFileTheHubWritesIsOwnerOnly() throws Exception {
        Path data = Hub.dataDir();
        try (RpcClient agent = Hub.connect()) {
            String id = SharedSessions.fresh(agent, "opts-modes", "static.html");
            agent.call("page.screenshot", Map.of("session", id));
            agent.call("trace.start", Map.of("session", id));
            agent.call("page.goto", Map.of("session", id, "url", TestPages.url("download")));
        } catch (RpcError download) {
            // a download is not a page: NAVIGATION_FAILED, and the file is saved under downloads/
        }
        try (RpcClient agent = Hub.connect()) {
            agent.call("trace.stop", Map.of("session", "opts-modes"));
            SharedSessions.activity(agent, "opts-modes"); // the activity log is on disk
            Path session = data.resolve("sessions/opts-modes");
            for (Path dir : List.of(data.resolve("sessions"), session, session.resolve("screenshots"), session.resolve("traces"),
                    session.resolve("downloads"), session.resolve("profile"))) {
                assertEquals("rwx------", mode(dir), dir.toString());
            }
            List<Path> files = new java.util.ArrayList<>(List.of(session.resolve("session.json"), session.resolve("activity.jsonl"),
                    data.resolve("hub.lock")));
            try (var listed = Files.list(session.resolve("screenshots"))) {
                files.addAll(listed.toList());
            }
            try (var listed = Files.list(session.resolve("traces"))) {
                files.addAll(listed.toList());
            }
            assertTrue(files.size() >= 5, files.toString());
            for (Path file : files) {
                assertEquals("rw-------", mode(file), file.toString());
            }
            // Chromium's own files there (its in-progress .crdownload copies) have Chromium's modes: the 0700 directory
            // above keeps them private; the file the hub saves under the suggested name is the hub's
            Path saved = session.resolve("downloads/report.txt");
            if (Files.exists(saved)) {
                assertEquals("rw-------", mode(saved), saved.toString());
            }
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
