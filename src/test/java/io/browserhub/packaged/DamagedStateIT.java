package io.browserhub.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.HubProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State on disk that went bad while the hub was down, and what a restarted hub says about it. */
class DamagedStateIT {

    @TempDir
    Path tmp;

    @Test
    void aCorruptedSessionJsonIsQuarantinedListedAsDamagedAndItsProfileKept() throws Exception {
        Path data = tmp.resolve("data");
        try (HubProcess hub = HubProcess.start(data, Map.of())) {
            hub.result("session.create", Map.of("id", "shop"));
            hub.result("session.create", Map.of("id", "fine"));
        }
        Path shop = data.resolve("sessions/shop");
        Files.writeString(shop.resolve("session.json"), "{\"id\": \"shop\", \"createdAt\": ");
        Path cookies = shop.resolve("profile/Default/Cookies");
        assertTrue(Files.exists(cookies), "the profile has a cookie store");

        try (HubProcess hub = HubProcess.start(data, Map.of())) {
            JsonNode shopInfo = hub.result("session.get", Map.of("id", "shop"));
            assertEquals("damaged", shopInfo.get("state").asText(), shopInfo.toString());
            assertTrue(shopInfo.get("damage").asText().contains("session.json"), shopInfo.toString());
            assertEquals("stopped", hub.result("session.get", Map.of("id", "fine")).get("state").asText(), "the others load");

            JsonNode list = hub.result("session.list", Map.of());
            assertEquals(2, list.get("sessions").size(), list.toString());

            JsonNode exists = hub.call("session.create", Map.of("id", "shop"));
            assertEquals("SESSION_EXISTS", exists.at("/error/data/kind").asText(), exists.toString());
            assertTrue(exists.at("/error/message").asText().contains("damaged"), exists.toString());
            JsonNode start = hub.call("page.title", Map.of("session", "shop"));
            assertEquals("SESSION_UNAVAILABLE", start.at("/error/data/kind").asText(), start.toString());

            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(hub.baseUri().resolve("/q/health/ready"))
                    .header("Authorization", "Bearer " + HubProcess.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(ready.body().contains("damaged:shop"), ready.body());
            assertEquals(200, ready.statusCode(), "the hub still serves its other sessions: " + ready.body());

            assertTrue(Files.exists(cookies), "the profile is kept");
            try (var files = Files.list(shop)) {
                List<String> names = files.map(f -> f.getFileName().toString()).toList();
                assertTrue(names.stream().anyMatch(n -> n.startsWith("session.json.damaged-")), names.toString());
            }
        }
        // restarted again: still damaged (the bad file stays aside), never silently a fresh session on the old profile
        try (HubProcess hub = HubProcess.start(data, Map.of())) {
            assertEquals("damaged", hub.result("session.get", Map.of("id", "shop")).get("state").asText());
            hub.result("session.delete", Map.of("id", "shop"));
            assertTrue(Files.notExists(shop), "deleting a damaged session removes it");
            hub.result("session.create", Map.of("id", "shop"));
        }
    }

    @Test
    void uptimeCountsFromTheHubsStartNotFromTheFirstCall() throws Exception {
        try (HubProcess hub = HubProcess.start(tmp.resolve("uptime"), Map.of())) {
            Thread.sleep(3000);
            long uptime = hub.result("hub.info", Map.of()).get("uptimeMs").asLong();
            assertTrue(uptime >= 3000, "uptimeMs " + uptime + " after the hub had been up for more than 3 s");
        }
    }

    @Test
    void aPreExistingOpenDataDirectoryStillGetsOwnerOnlyFiles() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("open"));
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (HubProcess hub = HubProcess.start(data, Map.of())) {
            hub.result("session.create", Map.of("id", "s"));
            hub.result("page.screenshot", Map.of("session", "s"));
            hub.result("session.activity", Map.of("id", "s"));
            for (Path p : List.of(data.resolve("sessions"), data.resolve("sessions/s"), data.resolve("sessions/s/screenshots"))) {
                assertEquals("rwx------", mode(p), p.toString());
            }
            assertEquals("rw-------", mode(data.resolve("sessions/s/activity.jsonl")));
            assertEquals("rw-------", mode(data.resolve("sessions/s/session.json")));
            try (var shots = Files.list(data.resolve("sessions/s/screenshots"))) {
                for (Path shot : shots.toList()) {
                    assertEquals("rw-------", mode(shot), shot.toString());
                }
            }
            assertTrue(hub.log().contains("open to other users"), "the open data directory itself is reported");
        }
    }

    private static String mode(Path p) throws Exception {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

}
