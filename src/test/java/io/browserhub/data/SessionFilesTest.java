package io.browserhub.data;

import static io.browserhub.support.SharedSessions.awaitEvent;
import static io.browserhub.support.SharedSessions.fresh;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A session's files: a download saved by the browser, listed and fetched over HTTP; no file route leads out of it. */
@QuarkusTest
class SessionFilesTest {

    @Test
    void aDownloadIsListedAndFetchedOverHttp() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            String id = fresh(agent, "files-download", "data-download.html");
            agent.call("events.subscribe", Map.of("session", id, "kinds", List.of("page.download")));
            agent.call("page.click", Map.of("session", id, "selector", "#report"));
            JsonNode saved = awaitEvent(agent, "page.download.saved", e -> true);
            assertEquals("report.txt", saved.at("/data/suggestedFilename").asText());

            JsonNode files = agent.call("files.list", Map.of("session", id, "kind", "download")).get("files");
            assertEquals(1, files.size(), files.toString());
            JsonNode file = files.get(0);
            assertEquals("download", file.get("kind").asText());
            assertEquals("report.txt", file.get("name").asText());
            assertEquals("report body".length(), file.get("size").asInt());
            assertTrue(file.hasNonNull("createdAt"), file.toString());
            String url = file.get("url").asText();
            assertEquals("/api/sessions/" + id + "/files/download/report.txt", url);

            String body = Hub.http().get(url).then().statusCode(200)
                    .header("Content-Disposition", containsString("attachment"))
                    .header("Content-Type", containsString("application/octet-stream"))
                    .header("X-Content-Type-Options", "nosniff")
                    .extract().asString();
            assertEquals("report body", body);
            // the browser's own copy (named by a GUID) is not a file of the session
            assertEquals(1, agent.call("files.list", Map.of("session", id)).get("files").size());
            io.restassured.RestAssured.given().get(url).then().statusCode(401);
        }
    }

    @Test
    void everyFileRouteRefusesTraversal() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            String id = fresh(agent, "files-traversal", null);
            String answered = agent.call("page.screenshot", Map.of("session", id)).get("url").asText();
            String shot = agent.call("files.list", Map.of("session", id, "kind", "screenshot")).at("/files/0/name").asText();
            assertEquals("/api/sessions/" + id + "/files/screenshot/" + shot, answered);
            Hub.http().get(answered).then().statusCode(200).contentType("image/png");

            List<String> refused = List.of(
                    "/api/sessions/" + id + "/files/download/..%2Fsession.json",
                    "/api/sessions/" + id + "/files/download/%2E%2E%2Fsession.json",
                    "/api/sessions/" + id + "/files/download/..",
                    "/api/sessions/" + id + "/files/download/.hidden",
                    "/api/sessions/" + id + "/files/download/..%5Csession.json",
                    "/api/sessions/" + id + "/files/screenshot/..%2F..%2F..%2Ftoken",
                    "/api/sessions/" + id + "/files/..%2Fprofile/Cookies",
                    "/api/sessions/" + id + "/files/profile/Cookies",
                    "/api/sessions/..%2F" + id + "/files/download/report.txt",
                    "/api/sessions/" + id + "/files/download/../../session.json",
                    "/api/sessions/" + id + "/files/download/%2Fetc%2Fpasswd",
                    "/api/sessions/" + id + "/files/recording/x%00.jpg",
                    "/api/sessions/" + id + "/traces/..%2Fsession.json",
                    "/api/sessions/" + id + "/traces/..%2F..%2Ftoken.zip",
                    "/api/sessions/" + id + "/traces/%2E%2E%2Fsession.json",
                    "/api/sessions/" + id + "/files/har/nope.har");
            for (String path : refused) {
                int status = Hub.http().urlEncodingEnabled(false).get(path).then()
                        .body(not(containsString("\"id\""))).body(not(containsString(Hub.TOKEN)))
                        .extract().statusCode();
                assertTrue(status == 400 || status == 404, path + " answered " + status);
            }
            RpcError kind = assertThrows(RpcError.class, () -> agent.call("files.list", Map.of("session", id, "kind", "profile")));
            assertEquals("INVALID_PARAMS", kind.kind());
            RpcError session = assertThrows(RpcError.class, () -> agent.call("files.list", Map.of("session", "../" + id)));
            assertEquals("INVALID_PARAMS", session.kind());
        }
    }
}
