package io.browserhub.data;

import static io.browserhub.support.SharedSessions.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.HarNotFound;
import io.browserhub.browser.BrowserExecutable;
import io.browserhub.browser.LocalBackend;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HAR recorded on a running session around a navigation: statuses, headers and timings are there, it passes the
 * HAR schema of the npm har-validator (the validator HAR viewers use), and Playwright serves the page again from it.
 */
@QuarkusTest
class HarTest {

    @Test
    void aNavigationRecordedAsHarReplaysAndValidates(@TempDir Path tmp) throws Exception {
        try (RpcClient agent = Hub.connect()) {
            String id = fresh(agent, "har-nav", null);
            assertThrows(RpcError.class, () -> agent.call("har.stop", Map.of("session", id)), "nothing to stop yet");
            JsonNode started = agent.call("har.start", Map.of("session", id, "content", "embed"));
            assertTrue(started.get("name").asText().endsWith(".har"), started.toString());
            assertEquals("INVALID_PARAMS", assertThrows(RpcError.class, () -> agent.call("har.start", Map.of("session", id))).kind());

            String pageUrl = TestPages.url("data-har.html");
            agent.call("page.goto", Map.of("session", id, "url", pageUrl));
            agent.call("page.waitFor", Map.of("session", id, "selector", "body[data-fetched=yes]", "state", "attached"));
            JsonNode saved = agent.call("har.stop", Map.of("session", id));
            assertTrue(saved.get("entries").asInt() >= 3, saved.toString());

            byte[] bytes = Hub.http().get(saved.get("url").asText()).then().statusCode(200)
                    .contentType("application/json").extract().asByteArray();
            JsonNode log = RpcClient.JSON.readTree(bytes).get("log");
            assertEquals("1.2", log.get("version").asText());
            assertEquals("browserhub", log.at("/creator/name").asText());
            assertEquals(1, log.get("pages").size(), log.get("pages").toString());
            String pageId = log.at("/pages/0/id").asText();

            JsonNode document = entry(log, pageUrl);
            assertEquals(pageId, document.get("pageref").asText());
            assertEquals("GET", document.at("/request/method").asText());
            assertEquals(200, document.at("/response/status").asInt());
            assertTrue(header(document.at("/response/headers"), "content-type").startsWith("text/html"), document.toString());
            assertFalse(header(document.at("/request/headers"), "user-agent").isEmpty(), "the headers as sent, with the browser's own");
            assertTrue(document.at("/response/content/text").asText().contains("har body"), "embedded body");
            Instant.parse(document.get("startedDateTime").asText());
            JsonNode timings = document.get("timings");
            for (String phase : List.of("send", "wait", "receive")) {
                assertTrue(timings.get(phase).asDouble() >= 0, phase + " in " + timings);
            }
            assertTrue(document.get("time").asDouble() > 0, document.toString());
            assertEquals(TestPages.base().getHost(), document.get("serverIPAddress").asText());

            assertEquals(404, entry(log, TestPages.url("missing-image.png")).at("/response/status").asInt());
            JsonNode fetched = entry(log, TestPages.url("headers?from=har"));
            assertEquals("har", header(fetched.at("/request/headers"), "x-from-page"));
            assertEquals("from", fetched.at("/request/queryString/0/name").asText());

            Path file = tmp.resolve("recorded.har");
            Files.write(file, bytes);
            validateWithHarValidator(file);
            // served again from the HAR alone: its URLs moved to a host that does not exist
            String replayBase = "http://har-replay.invalid/";
            Path moved = tmp.resolve("replay.har");
            Files.writeString(moved, new String(bytes, StandardCharsets.UTF_8).replace(TestPages.base().toString(), replayBase));
            replayWithPlaywright(moved, replayBase + "data-har.html");
            agent.call("session.delete", Map.of("id", id));
        }
    }

    @Test
    void aHarWithoutContentKeepsSizesAndFollowsABrowserRestart() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            String id = fresh(agent, "har-restart", null);
            agent.call("har.start", Map.of("session", id));
            agent.call("page.goto", Map.of("session", id, "url", TestPages.url("static.html")));
            agent.call("session.stop", Map.of("id", id));
            agent.call("page.goto", Map.of("session", id, "url", TestPages.url("second.html")));
            JsonNode saved = agent.call("har.stop", Map.of("session", id));
            JsonNode log = RpcClient.JSON.readTree(Hub.http().get(saved.get("url").asText()).then().statusCode(200).extract().asByteArray()).get("log");
            JsonNode before = entry(log, TestPages.url("static.html"));
            JsonNode after = entry(log, TestPages.url("second.html"));
            assertFalse(before.at("/response/content").has("text"), "content omitted by default");
            assertTrue(before.at("/response/bodySize").asInt() > 0, before.toString());
            assertEquals(200, after.at("/response/status").asInt());
            JsonNode listed = agent.call("files.list", Map.of("session", id, "kind", "har")).get("files");
            assertEquals(saved.get("name").asText(), listed.at("/0/name").asText());
            agent.call("session.delete", Map.of("id", id));
        }
    }

    private static JsonNode entry(JsonNode log, String url) {
        for (JsonNode e : log.get("entries")) {
            if (url.equals(e.at("/request/url").asText())) {
                return e;
            }
        }
        throw new AssertionError("No entry for " + url + " among " + urls(log));
    }

    private static List<String> urls(JsonNode log) {
        List<String> out = new ArrayList<>();
        log.get("entries").forEach(e -> out.add(e.at("/request/url").asText()));
        return out;
    }

    private static String header(JsonNode headers, String name) {
        for (JsonNode h : headers) {
            if (h.get("name").asText().equalsIgnoreCase(name)) {
                return h.get("value").asText();
            }
        }
        return "";
    }

    /** The npm har-validator (JSON Schema of HAR 1.2), installed with the dashboard's dev dependencies. */
    private static void validateWithHarValidator(Path har) throws Exception {
        Path webui = Path.of("webui").toAbsolutePath();
        assertTrue(Files.isDirectory(webui.resolve("node_modules/har-validator")),
                "webui/node_modules/har-validator is missing: the build installs the dashboard's devDependencies (npm install in webui/)");
        String script = "const v = require('har-validator'); const har = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));"
                + " v.har(har).then(() => console.log('valid')).catch((e) => { console.log('invalid ' + JSON.stringify(e.errors || e.message)); process.exit(1); });";
        Process node = new ProcessBuilder("node", "--input-type=commonjs", "-e", script, har.toString())
                .directory(webui.toFile()).redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "har-validator did not finish");
        assertEquals(0, node.exitValue(), "har-validator: " + out);
        assertTrue(out.contains("valid"), out);
    }

    /** Playwright's HAR router parses the file and answers every request of the page from it; anything missing is aborted. */
    private static void replayWithPlaywright(Path har, String pageUrl) {
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(LocalBackend.QUIET_ARGS);
            BrowserExecutable.locate(Optional.empty()).ifPresent(options::setExecutablePath);
            Browser browser = playwright.chromium().launch(options);
            BrowserContext context = browser.newContext();
            context.routeFromHAR(har, new BrowserContext.RouteFromHAROptions().setNotFound(HarNotFound.ABORT));
            Page page = context.newPage();
            page.navigate(pageUrl);
            page.waitForSelector("body[data-fetched=yes]", new Page.WaitForSelectorOptions()
                    .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
            assertEquals("har body", page.textContent("#text"));
            assertEquals("HAR page", page.title());
            browser.close();
        }
    }
}
