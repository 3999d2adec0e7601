package io.browserhub.files;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An agent talked into handing a page the hub's secrets: uploads and file: URLs reach only files under the
 * allowed roots (uploads/ in the data directory by default), never the rest of the data directory; uploads by
 * content need no shared disk.
 */
@QuarkusTest
class LocalFilesTest {

    private static RpcClient agent;
    private static String session;
    private static Path dataDir;

    @BeforeAll
    static void start() {
        agent = Hub.connect();
        session = SharedSessions.fresh(agent, "local-files", "file-input.html");
        dataDir = Hub.dataDir();
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    @Test
    void anotherSessionsFilesAndTheDataDirectoryCannotBeUploaded() throws Exception {
        agent.call("page.goto", Map.of("session", session, "url", TestPages.url("file-input.html")));
        String other = SharedSessions.fresh(agent, "local-files-victim", null);
        Path secret = dataDir.resolve("sessions/" + other + "/session.json");
        assertTrue(Files.isRegularFile(secret), secret.toString());
        RpcError refused = assertThrows(RpcError.class, () -> upload(List.of(secret.toString())));
        assertEquals("INVALID_PARAMS", refused.kind());
        assertTrue(refused.getMessage().contains("browserhub.files.allowed-roots"), refused.getMessage());
        assertTrue(refused.getMessage().contains("files[].data"), "it says how to upload by content instead: " + refused.getMessage());

        // a link inside uploads/ that points out of it is followed before the check
        Path link = uploads().resolve("innocent.txt");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, secret);
        assertEquals("INVALID_PARAMS", assertThrows(RpcError.class, () -> upload(List.of(link.toString()))).kind());
        assertEquals("INVALID_PARAMS", assertThrows(RpcError.class, () -> upload(List.of("/etc/hostname"))).kind());
        assertEquals(0, chosen().size(), "nothing was chosen");
    }

    @Test
    void aFileInTheUploadsDirectoryIsUploaded() throws Exception {
        Path file = uploads().resolve("report.txt");
        Files.writeString(file, "quarterly numbers");
        upload(List.of(file.toString()));
        JsonNode chosen = chosen();
        assertEquals("report.txt", chosen.get(0).get("name").asText());
        assertEquals("quarterly numbers", chosen.get(0).get("text").asText());
    }

    @Test
    void filesSentByContentReachThePageWithTheirNamesAndTypes() {
        agent.call("page.setInputFiles", Map.of("session", session, "selector", "#file", "files", List.of(
                Map.of("name", "notes.txt", "mimeType", "text/plain", "data", base64("héllo from far away")),
                Map.of("name", "data.bin", "data", base64("\u0000\u0001")))));
        JsonNode chosen = chosen();
        assertEquals(2, chosen.size(), chosen.toString());
        assertEquals("notes.txt", chosen.get(0).get("name").asText());
        assertEquals("text/plain", chosen.get(0).get("type").asText());
        assertEquals("héllo from far away", chosen.get(0).get("text").asText());
        assertEquals(2, chosen.get(1).get("size").asInt());
    }

    @Test
    void contentUploadsAreBoundedAndChecked() {
        String big = Base64.getEncoder().encodeToString(new byte[5 * 1024 * 1024 + 1]);
        RpcError tooBig = assertThrows(RpcError.class, () -> agent.call("page.setInputFiles", Map.of("session", session,
                "selector", "#file", "files", List.of(Map.of("name", "big.bin", "data", big)))));
        assertEquals("LIMIT_REACHED", tooBig.kind());
        assertTrue(tooBig.getMessage().contains("browserhub.files.max-upload-size"), tooBig.getMessage());
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("name", "../escape.txt", "data", base64("x")),
                Map.<String, Object>of("name", "a.txt", "data", "not base64!"),
                Map.<String, Object>of("name", "a.txt"))) {
            assertEquals("INVALID_PARAMS", assertThrows(RpcError.class, () -> agent.call("page.setInputFiles",
                    Map.of("session", session, "selector", "#file", "files", List.of(bad)))).kind(), bad.toString());
        }
        assertEquals("INVALID_PARAMS", assertThrows(RpcError.class, () -> agent.call("page.setInputFiles",
                Map.of("session", session, "selector", "#file"))).kind(), "paths or files is required");
    }

    @Test
    void fileUrlsShowOnlyFilesUnderTheRoots() throws Exception {
        String tab = SharedSessions.fresh(agent, "local-files-urls", null);
        RpcError refused = assertThrows(RpcError.class, () -> agent.call("page.goto",
                Map.of("session", tab, "url", dataDir.resolve("sessions/" + session + "/session.json").toUri().toString())));
        assertEquals("NAVIGATION_FAILED", refused.kind());
        assertTrue(refused.getMessage().contains("allowed-roots"), refused.getMessage());
        assertEquals("NAVIGATION_FAILED", assertThrows(RpcError.class, () -> agent.call("tab.new",
                Map.of("session", tab, "url", "file:///etc/passwd"))).kind());
        assertEquals(1, agent.call("tab.list", Map.of("session", tab)).get("tabs").size(), "no tab was opened for the refused URL");

        Path page = uploads().resolve("page.html");
        Files.writeString(page, "<title>local</title><p>from the uploads directory</p>");
        agent.call("page.goto", Map.of("session", tab, "url", page.toUri().toString()));
        assertEquals("from the uploads directory", agent.call("page.text", Map.of("session", tab)).get("text").asText());
    }

    @Test
    void rpcDiscoverDescribesBothFormsOfUpload() {
        JsonNode method = null;
        for (JsonNode m : agent.call("rpc.discover").get("methods")) {
            if (m.get("name").asText().equals("page.setInputFiles")) {
                method = m;
            }
        }
        assertTrue(method != null && method.toString().contains("\"files\"") && method.toString().contains("\"paths\""), String.valueOf(method));
    }

    private static void upload(List<String> paths) {
        agent.call("page.setInputFiles", Map.of("session", session, "selector", "#file", "paths", paths));
    }

    private static JsonNode chosen() {
        return agent.call("page.evaluate", Map.of("session", session, "function", "() => window.chosen()")).get("value");
    }

    private static Path uploads() throws Exception {
        return Files.createDirectories(dataDir.resolve("uploads"));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
