package io.browserhub.packaged;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.CdpClient;
import io.browserhub.support.Hub;
import io.browserhub.support.HubProcess;
import io.browserhub.support.McpAgentClient;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.SharedSessions;
import io.browserhub.support.TestPages;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole API against the packaged hub, whichever artifact the build made: the jar in `./mvnw verify`, the native
 * executable in `./mvnw verify -Dnative`. What the JVM's reflection, resources and class initialisation give for free
 * a native image must be told, and what it was not told fails here, not in a user's hands: sessions and their JSON,
 * every page command, every error kind, evaluate of every JavaScript value type, tabs, traces, screenshots, events,
 * screencast frames, the dashboard, the MCP and CDP doors, tab leases. With -Dnative the jar is built too, and
 * {@link #theExecutableAnswersLikeTheJar} replays one script against both and compares their JSON.
 */
@QuarkusIntegrationTest
class ParityIT {

    private static RpcClient agent;

    @BeforeAll
    static void connect() {
        agent = SharedSessions.client("parity-agent", "agent");
    }

    @AfterAll
    static void disconnect() {
        agent.close();
    }

    @Test
    void sessionsLiveAndTheirJsonIsTheProtocols() {
        String id = SharedSessions.fresh(agent, "parity-life", null);
        JsonNode created = agent.call("session.get", Map.of("id", id));
        assertTrue(fieldNames(created).containsAll(List.of("id", "state", "createdAt", "lastActivityAt", "idleTimeoutSec", "headless",
                "viewport", "tabs", "controller")), "SessionInfo's fields: " + created);
        assertEquals("running", created.get("state").asText(), "states are lower case on the wire: " + created);
        assertEquals("{\"width\":1280,\"height\":720}", created.get("viewport").toString());
        assertEquals("[{\"id\":\"t1\",\"url\":\"about:blank\",\"title\":\"\",\"active\":true}]", created.get("tabs").toString());
        assertTrue(created.get("controller").isNull());
        assertTrue(created.get("headless").asBoolean());

        RpcError exists = assertThrows(RpcError.class, () -> agent.call("session.create", Map.of("id", id)));
        assertEquals("SESSION_EXISTS", exists.kind());
        assertEquals(id, agent.call("session.ensure", Map.of("id", id)).get("id").asText());
        assertTrue(ids(agent.call("session.list").get("sessions")).contains(id));

        JsonNode stopped = agent.call("session.stop", Map.of("id", id));
        assertEquals("stopped", stopped.get("state").asText(), stopped.toString());
        agent.call("page.goto", Map.of("session", id, "url", TestPages.url("login?user=parity")));
        assertEquals("running", agent.call("session.get", Map.of("id", id)).get("state").asText(), "a command resumes a stopped session");

        JsonNode custom = agent.call("session.create", Map.of("id", "parity-custom", "viewport", Map.of("width", 800, "height", 600),
                "locale", "de-DE", "timezoneId", "Asia/Tokyo", "userAgent", "parity-agent/1.0", "idleTimeoutSec", 0));
        assertEquals(800, custom.get("viewport").get("width").asInt());
        assertEquals(0, custom.get("idleTimeoutSec").asInt());
        JsonNode seen = agent.call("page.evaluate", Map.of("session", "parity-custom", "function",
                "() => [navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone, navigator.userAgent, innerWidth]")).get("value");
        assertEquals("[\"de-DE\",\"Asia/Tokyo\",\"parity-agent/1.0\",800]", seen.toString(), "the options reach Playwright's launch");
        assertEquals("{\"deleted\":true}", agent.call("session.delete", Map.of("id", "parity-custom")).toString());

        // the REST resources answer with the same JSON
        Hub.http().get("/api/sessions/" + id).then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("running"));
        String activity = Hub.http().get("/api/sessions/" + id + "/activity").then().statusCode(200).extract().asString();
        assertTrue(activity.lines().anyMatch(l -> l.contains("\"method\":\"page.goto\"")), activity);
        agent.call("session.delete", Map.of("id", id));
        assertEquals("SESSION_NOT_FOUND", assertThrows(RpcError.class, () -> agent.call("session.get", Map.of("id", id))).kind());
    }

    @Test
    void everyPageCommandDrivesChromium() {
        String s = SharedSessions.fresh(agent, "parity-page", "form.html");
        JsonNode went = page("page.goto", Map.of("url", TestPages.url("form.html")));
        assertEquals(200, went.get("status").asInt());
        assertEquals("Sign up", went.get("title").asText());
        page("page.fill", Map.of("selector", "#name", "value", "Ada"));
        page("page.type", Map.of("selector", "#email", "text", "ada@example.com"));
        page("page.press", Map.of("selector", "#email", "key", "End"));
        page("page.check", Map.of("selector", "#terms"));
        page("page.uncheck", Map.of("selector", "#terms"));
        page("page.check", Map.of("selector", "#terms"));
        assertEquals("[\"green\"]", page("page.selectOption", Map.of("selector", "#colour", "values", List.of("green"))).get("selected").toString());
        page("page.hover", Map.of("selector", "#hoverbox"));
        page("page.click", Map.of("selector", "#counter", "clickCount", 2));
        page("page.click", Map.of("selector", "#counter", "button", "right", "modifiers", List.of("Shift")));
        // by content: a path would have to be under the hub's <data-dir>/uploads, which this test's process does not know
        page("page.setInputFiles", Map.of("selector", "#upload", "files", List.of(Map.of("name", "parity.txt", "mimeType", "text/plain",
                "data", Base64.getEncoder().encodeToString("uploaded by ParityIT".getBytes(java.nio.charset.StandardCharsets.UTF_8))))));
        page("page.setViewport", Map.of("width", 1000, "height", 300));
        page("page.scroll", Map.of("dy", 200));
        page("page.waitFor", Map.of("selector", "#upload-names", "state", "attached"));
        page("input.mouse", Map.of("action", "move", "x", 5, "y", 5));
        JsonNode state = eval("() => ({name: document.getElementById('name').value, email: email.value, terms: terms.checked, colour: colour.value,"
                + " hovered: document.getElementById('hover-state').textContent, clicks: clicks.textContent,"
                + " press: document.getElementById('last-press').textContent, width: innerWidth, scrolled: scrollY > 0})");
        assertEquals("{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"terms\":true,\"colour\":\"green\",\"hovered\":\"hovered\","
                + "\"clicks\":\"2\",\"press\":\"button 2 with shift\",\"width\":1000,\"scrolled\":true}", state.toString());
        assertTrue(text("#upload-names").startsWith("parity.txt ("), text("#upload-names"));

        page("page.click", Map.of("selector", "#keys"));
        page("input.key", Map.of("action", "press", "key", "a"));
        page("input.key", Map.of("action", "insertText", "text", "bc"));
        assertEquals("abc", eval("() => keys.value").asText());

        assertEquals("Sign up", page("page.title", Map.of()).get("title").asText());
        assertTrue(page("page.url", Map.of()).get("url").asText().endsWith("/form.html"));
        assertTrue(page("page.content", Map.of("selector", "h1")).get("html").asText().contains("Sign up"));
        assertTrue(page("page.text", Map.of()).get("text").asText().contains("Count clicks"));
        String snapshot = page("page.snapshot", Map.of()).get("snapshot").asText();
        assertTrue(snapshot.contains("button \"Send\"") && snapshot.contains("[ref="), snapshot);
        String ref = McpAgentClient.ref(snapshot, "button \"Count clicks\"");
        page("page.click", Map.of("selector", "aria-ref=" + ref));
        assertEquals("3", text("#clicks"), "a snapshot's ref drives the element");

        page("page.click", Map.of("selector", "#submit"));
        page("page.waitFor", Map.of("urlPattern", "**/submitted.html**"));
        assertTrue(page("page.back", Map.of()).get("url").asText().endsWith("/form.html"));
        assertTrue(page("page.forward", Map.of()).get("url").asText().contains("/submitted.html"));
        assertTrue(page("page.reload", Map.of()).get("url").asText().contains("/submitted.html"));
        agent.call("session.delete", Map.of("id", s));
    }

    @Test
    void everyErrorKindOfTheProtocolArrivesWithItsCodeAndData() throws Exception {
        Set<String> seen = new TreeSet<>();
        String s = SharedSessions.fresh(agent, "parity-errors", "form.html");

        seen.add(Hub.post("{").at("/error/data/kind").asText());
        seen.add(Hub.post("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"hub.info\"}").at("/error/data/kind").asText());
        seen.add(fails("no.such.method", Map.of()).kind());
        seen.add(fails("page.click", Map.of("session", s)).kind());
        seen.add(fails("session.get", Map.of("id", "parity-nobody")).kind());
        seen.add(fails("session.create", Map.of("id", s)).kind());
        RpcError timeout = fails("page.waitFor", Map.of("session", s, "selector", "#never", "timeoutMs", 300));
        assertEquals(300, timeout.data().get("timeoutMs").asInt(), timeout.toString());
        seen.add(timeout.kind());
        RpcError missing = fails("page.click", Map.of("session", s, "selector", "#nothing", "timeoutMs", 300));
        assertEquals("#nothing", missing.data().get("selector").asText());
        seen.add(missing.kind());
        RpcError refused = fails("page.goto", Map.of("session", s, "url", "http://127.0.0.1:" + closedPort() + "/"));
        assertTrue(refused.message().contains("ERR_CONNECTION_REFUSED"), refused.message());
        seen.add(refused.kind());
        RpcError thrown = fails("page.evaluate", Map.of("session", s, "function", "() => null.width"));
        assertEquals("TypeError", thrown.data().get("name").asText());
        assertFalse(thrown.toString().contains("com.microsoft.playwright"), "no Java internals on the wire: " + thrown);
        seen.add(thrown.kind());
        seen.add(fails("tab.activate", Map.of("session", s, "tab", "t99")).kind());
        seen.add(Hub.post("[".repeat(5000) + "]".repeat(5000)).at("/error/data/kind").asText());
        Response unauthorized = given().contentType("application/json").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"hub.info\"}").post("/rpc");
        assertEquals(401, unauthorized.statusCode());
        seen.add(RpcClient.JSON.readTree(unauthorized.asString()).at("/error/data/kind").asText());

        try (RpcClient human = SharedSessions.client("parity-human", "human")) {
            human.call("control.acquire", Map.of("session", s));
            RpcError held = fails("page.click", Map.of("session", s, "selector", "#counter"));
            assertEquals("parity-human", held.data().get("holder").get("name").asText(), held.toString());
            assertEquals("human", held.data().get("holder").get("kind").asText());
            seen.add(held.kind());
            human.call("control.release", Map.of("session", s));
        }

        // a browser that dies under a command fails it at once, and the next command starts it again
        CompletableFuture<JsonNode> waiting = agent.send("page.waitFor", Map.of("session", s, "selector", "#never", "timeoutMs", 30_000));
        agent.call("session.get", Map.of("id", s));
        browserOf(s).destroyForcibly();
        JsonNode died = waiting.get();
        assertEquals(-32003, died.at("/error/code").asInt(), died.toString());
        seen.add(died.at("/error/data/kind").asText());
        agent.call("page.goto", Map.of("session", s, "url", TestPages.url("form.html")));
        assertEquals("Sign up", agent.call("page.title", Map.of("session", s)).get("title").asText(), "the next command started it again");

        Set<String> expected = EnumSet.allOf(io.browserhub.error.ErrorCode.class).stream().map(Enum::name)
                .filter(kind -> !kind.equals("INTERNAL_ERROR")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, seen, "every kind but INTERNAL_ERROR (a bug, never expected) was answered");
        agent.call("session.delete", Map.of("id", s));
    }

    @Test
    void evaluateReturnsEveryJavaScriptValueTypeAsJson() {
        SharedSessions.fresh(agent, "parity-page", "form.html");
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("() => 42", "42");
        cases.put("() => 1.5", "1.5");
        cases.put("() => -0", "0"); // JSON has no negative zero: the hub answers 0, the jar and the executable alike
        cases.put("() => 'text \\u00fc \\ud83d\\ude80'", "\"text ü 🚀\"");
        cases.put("() => true", "true");
        cases.put("() => null", "null");
        cases.put("() => undefined", "null");
        cases.put("() => NaN", "\"NaN\"");
        cases.put("() => Infinity", "\"Infinity\"");
        cases.put("() => -Infinity", "\"-Infinity\"");
        cases.put("() => 12345678901234567890n", "12345678901234567890");
        cases.put("() => new Date(0)", "\"1970-01-01T00:00:00.000Z\"");
        cases.put("() => /a+b/gi", "\"a+b\"");
        cases.put("() => new URL('https://example.com/a?b=1')", "\"https://example.com/a?b=1\"");
        cases.put("() => [1, 'two', null, [3]]", "[1,\"two\",null,[3]]");
        cases.put("() => ({n: 1, nested: {deep: ['x']}})", "{\"n\":1,\"nested\":{\"deep\":[\"x\"]}}");
        // Playwright Java itself turns a Map or a Set into an empty map (Serialization.deserialize): JVM and native alike
        cases.put("() => new Map([['k', 1]])", "{}");
        cases.put("() => new Set([1, 2])", "{}");
        cases.put("() => { const o = {a: 1}; return [o, o]; }", "[{\"a\":1},{\"a\":1}]");
        cases.put("(arg) => arg", "{\"echo\":[1,\"x\",true,null]}");
        Map<String, String> answered = new LinkedHashMap<>();
        for (String function : cases.keySet()) {
            Map<String, Object> params = new LinkedHashMap<>(Map.of("session", "parity-page", "function", function));
            if (function.startsWith("(arg)")) {
                params.put("arg", Map.of("echo", java.util.Arrays.asList(1, "x", true, null)));
            }
            try {
                answered.put(function, agent.call("page.evaluate", params).get("value").toString());
            } catch (RpcError e) {
                answered.put(function, e.kind() + ": " + e.message());
            }
        }
        assertEquals(cases, answered);

        JsonNode error = eval("() => new RangeError('too far')");
        assertEquals("RangeError", error.get("name").asText(), error.toString());
        assertEquals("too far", error.get("message").asText());
        assertTrue(error.get("stack").asText().startsWith("RangeError: too far"), error.toString());
        RpcError cycle = fails("page.evaluate", Map.of("session", "parity-page", "function", "() => { const o = {}; o.self = o; return o; }"));
        assertEquals("INVALID_PARAMS", cycle.kind());
        assertTrue(cycle.message().contains("value.self"), cycle.message());
        assertEquals("Count clicks!", agent.call("page.evaluate", Map.of("session", "parity-page", "selector", "#counter",
                "function", "(e, arg) => e.textContent + arg", "arg", "!")).get("value").asText(), "an element handle and an argument");
    }

    @Test
    void tabsOpenSwitchAndClose() throws Exception {
        String s = SharedSessions.fresh(agent, "parity-tabs", "links.html");
        JsonNode second = agent.call("tab.new", Map.of("session", s, "url", TestPages.url("second.html")));
        assertEquals("t2", second.get("id").asText(), second.toString());
        assertTrue(second.get("active").asBoolean());
        assertEquals(2, agent.call("tab.list", Map.of("session", s)).get("tabs").size());
        assertEquals("t1", agent.call("tab.activate", Map.of("session", s, "tab", "t1")).get("id").asText());
        agent.call("page.click", Map.of("session", s, "selector", "#new-tab"));
        JsonNode tabs = tabsOnceThereAre(s, 3);
        assertTrue(tabs.get(2).get("url").asText().contains("from=links"), tabs.toString());
        assertEquals("{\"closed\":true}", agent.call("tab.close", Map.of("session", s, "tab", "t2")).toString());
        assertEquals(List.of("t1", "t3"), ids(agent.call("tab.list", Map.of("session", s)).get("tabs")));
        assertTrue(agent.call("page.title", Map.of("session", s, "tab", "t3")).get("title").asText().length() > 0);
        agent.call("session.delete", Map.of("id", s));
    }

    @Test
    void screenshotsAndTracesAreFilesTheHubServes() throws Exception {
        String s = SharedSessions.fresh(agent, "parity-files", "form.html");
        JsonNode png = agent.call("page.screenshot", Map.of("session", s));
        assertEquals("image/png", png.get("mimeType").asText());
        assertEquals(1280, png.get("width").asInt());
        assertEquals(720, png.get("height").asInt());
        byte[] image = Base64.getDecoder().decode(png.get("data").asText());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(image, 4));
        assertTrue(Files.size(Path.of(png.get("path").asText())) == image.length, "also saved under the session's screenshots/");
        JsonNode jpeg = agent.call("page.screenshot", Map.of("session", s, "format", "jpeg", "quality", 50, "fullPage", true));
        assertEquals("image/jpeg", jpeg.get("mimeType").asText());
        assertTrue(jpeg.get("height").asInt() >= 720, jpeg.get("height").toString());
        JsonNode element = agent.call("page.screenshot", Map.of("session", s, "selector", "#hoverbox"));
        assertEquals(160, element.get("width").asInt());
        Hub.http().get("/api/sessions/" + s + "/screenshot?format=jpeg").then().statusCode(200).contentType("image/jpeg");

        agent.call("trace.start", Map.of("session", s));
        agent.call("page.click", Map.of("session", s, "selector", "#counter"));
        JsonNode trace = agent.call("trace.stop", Map.of("session", s));
        byte[] zip = Hub.http().get(trace.get("url").asText()).then().statusCode(200).extract().asByteArray();
        assertEquals("PK", new String(zip, 0, 2), "a Playwright trace is a zip");
        assertTrue(zip.length > 10_000, "with snapshots and screenshots: " + zip.length + " bytes");
        agent.call("session.delete", Map.of("id", s));
    }

    @Test
    void eventsReachSubscribersAsNotifications() throws Exception {
        try (RpcClient watcher = SharedSessions.client("parity-watcher", "human")) {
            String s = SharedSessions.fresh(agent, "parity-events", "form.html");
            watcher.call("events.subscribe", Map.of("session", s, "kinds", List.of("page", "tab", "command", "control", "session", "network")));
            List<JsonNode> seen = new ArrayList<>();
            agent.call("page.goto", Map.of("session", s, "url", TestPages.url("static.html")));
            event(watcher, seen, "network.response", e -> e.at("/data/status").asInt() == 200);
            JsonNode navigated = event(watcher, seen, "page.navigated", e -> e.at("/data/url").asText().endsWith("static.html"));
            assertTrue(fieldNames(navigated).containsAll(List.of("session", "seq", "ts", "kind", "tab", "data")), navigated.toString());
            assertEquals("t1", navigated.get("tab").asText());
            agent.call("page.evaluate", Map.of("session", s, "function", "() => { console.warn('careful', 42); setTimeout(() => { throw new Error('late'); }); }"));
            JsonNode warning = event(watcher, seen, "page.console", e -> e.at("/data/text").asText().startsWith("careful"));
            assertEquals("careful 42", warning.at("/data/text").asText());
            assertEquals("warning", warning.at("/data/type").asText());
            assertEquals("Error", event(watcher, seen, "page.error", e -> e.at("/data/message").asText().equals("late")).at("/data/name").asText());
            JsonNode command = event(watcher, seen, "command", e -> e.at("/data/method").asText().equals("page.evaluate"));
            assertEquals("parity-agent", command.at("/data/client/name").asText(), command.toString());

            CompletableFuture<JsonNode> alert = agent.send("page.evaluate", Map.of("session", s, "function", "() => alert('hi')"));
            event(watcher, seen, "page.dialog", e -> e.at("/data/message").asText().equals("hi"));
            agent.call("page.handleDialog", Map.of("session", s, "accept", true));
            RpcClient.await(alert);

            agent.call("page.goto", Map.of("session", s, "url", TestPages.url("links.html")));
            agent.call("page.evaluate", Map.of("session", s, "function",
                    "() => { const a = document.createElement('a'); a.href = '/download'; a.download = ''; document.body.append(a); a.click(); }"));
            event(watcher, seen, "page.download", e -> e.at("/data/state").asText().equals("saved")
                    || e.toString().contains("report.txt"));
            agent.call("page.click", Map.of("session", s, "selector", "#new-tab"));
            event(watcher, seen, "tab.opened", e -> true);
            agent.call("control.acquire", Map.of("session", s));
            event(watcher, seen, "control.changed", e -> e.at("/data/holder/name").asText().equals("parity-agent"));
            agent.call("control.release", Map.of("session", s));
            agent.call("session.stop", Map.of("id", s));
            event(watcher, seen, "session.state", e -> e.at("/data/state").asText().equals("stopped"));
            agent.call("session.delete", Map.of("id", s));
        }
    }

    @Test
    void screencastFramesArriveAsBinaryAndAsBase64() throws Exception {
        try (RpcClient viewer = SharedSessions.client("parity-viewer", "human"); RpcClient late = Hub.connect()) {
            String s = SharedSessions.fresh(agent, "parity-cast", "animation.html");
            viewer.call("screencast.start", Map.of("session", s, "window", 2));
            RpcClient.BinaryFrame frame = viewer.nextFrame(Duration.ofSeconds(20));
            assertNotNull(frame, "a binary frame");
            assertTrue(fieldNames(frame.header()).containsAll(List.of("type", "session", "tab", "seq", "ts", "width", "height", "format")),
                    frame.header().toString());
            assertEquals("screencast.frame", frame.header().get("type").asText());
            assertEquals("jpeg", frame.header().get("format").asText());
            assertTrue(frame.imageBytes() > 1000);
            viewer.call("screencast.ack", Map.of("session", s, "seq", frame.header().get("seq").asLong()));
            assertNotNull(viewer.nextFrame(Duration.ofSeconds(20)), "the next frame after the ack");

            late.call("screencast.start", Map.of("session", s, "binary", false));
            JsonNode notification = late.nextNotification(Duration.ofSeconds(20));
            assertNotNull(notification);
            assertEquals("screencast.frame", notification.get("method").asText());
            assertTrue(notification.at("/params/data").asText().startsWith("/9j/"), "base64 of a JPEG");
            viewer.call("screencast.stop", Map.of("session", s));
            late.call("screencast.stop", Map.of("session", s));
            agent.call("session.delete", Map.of("id", s));
        }
    }

    @Test
    void theDashboardSignsInAPersonAndLoadsItsOwnFiles() {
        Response signIn = given().redirects().follow(false).get("/?token=" + Hub.TOKEN);
        assertEquals(303, signIn.statusCode());
        // with the headers a browser sends on that navigation (a cookie without them is refused: security/CookieUse)
        String html = given().cookies(signIn.getDetailedCookies()).header("Sec-Fetch-Site", "none").header("Sec-Fetch-Mode", "navigate")
                .accept("text/html").get("/").then().statusCode(200).extract().asString();
        assertTrue(html.contains("<title>browserhub</title>"), html);
        java.util.regex.Matcher script = java.util.regex.Pattern.compile("src=\"(/assets/index-[^\"]+\\.js)\"").matcher(html);
        assertTrue(script.find(), html);
        String js = given().cookies(signIn.getDetailedCookies()).header("Sec-Fetch-Site", "same-origin")
                .get(script.group(1)).then().statusCode(200).extract().asString();
        assertTrue(js.contains("rpc.discover") || js.contains("client.hello"), "the dashboard's own script");
        given().accept("text/html").get("/").then().statusCode(401);
    }

    @Test
    void theMcpDoorDrivesASessionWithPlaywrightMcpsTools() {
        try (McpAgentClient mcp = McpAgentClient.toHub(Hub.base(), Hub.TOKEN, "parity-host", "parity-mcp")) {
            Set<String> tools = mcp.tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
            assertTrue(tools.containsAll(List.of("browser_navigate", "browser_snapshot", "browser_click", "browser_type",
                    "browser_take_screenshot", "browser_evaluate", "browser_tabs", "session_list", "control_acquire")), tools.toString());
            String navigated = mcp.text("browser_navigate", Map.of("url", TestPages.url("form.html")));
            assertTrue(navigated.contains("### Page") && navigated.contains("Sign up"), navigated);
            String snapshot = mcp.text("browser_snapshot", Map.of());
            String clicked = mcp.text("browser_click", Map.of("element", "Count clicks", "ref", McpAgentClient.ref(snapshot, "button \"Count clicks\"")));
            assertTrue(clicked.contains("### Snapshot"), clicked);
            String evaluated = mcp.text("browser_evaluate", Map.of("function", "() => ({clicks: clicks.textContent})"));
            assertTrue(evaluated.contains("\"clicks\" : \"1\""), "the click reached the page: " + evaluated);
            McpSchema.CallToolResult shot = mcp.call("browser_take_screenshot", Map.of());
            assertTrue(shot.content().stream().anyMatch(c -> c instanceof McpSchema.ImageContent i && i.mimeType().startsWith("image/")),
                    shot.toString());
            String refused = mcp.error("browser_click", Map.of("element", "nothing", "ref", "e9999"));
            assertTrue(refused.contains("e9999"), refused);
            assertTrue(mcp.text("session_list", Map.of()).contains("parity-mcp"));
        }
        agent.call("session.delete", Map.of("id", "parity-mcp"));
    }

    @Test
    void tabReadingsLeasesThumbnailsAndTraceStatus() {
        String s = SharedSessions.fresh(agent, "parity-readings", "form.html");
        agent.call("page.evaluate", Map.of("session", s, "function", "() => console.warn('parity-console')"));
        JsonNode console = agent.call("page.consoleMessages", Map.of("session", s, "level", "warning")).get("messages");
        JsonNode warned = null;
        for (JsonNode m : console) {
            if (m.get("text").asText().equals("parity-console")) {
                warned = m;
            }
        }
        assertTrue(warned != null && warned.get("type").asText().equals("warning"), "Playwright's console messages: " + console);
        JsonNode requests = agent.call("page.requests", Map.of("session", s)).get("requests");
        assertTrue(requests.toString().contains("/form.html") && requests.get(0).get("status").asInt() == 200
                && requests.get(0).get("resourceType").asText().equals("document"), "Playwright's requests: " + requests);

        JsonNode thumbnail = agent.call("session.thumbnail", Map.of("session", s));
        assertTrue(thumbnail.get("running").asBoolean() && thumbnail.get("mimeType").asText().equals("image/jpeg"), thumbnail.toString());
        byte[] jpeg = Base64.getDecoder().decode(thumbnail.get("data").asText());
        assertEquals(0xFF, jpeg[0] & 0xFF, "a JPEG");
        assertFalse(agent.call("trace.status", Map.of("session", s)).get("recording").asBoolean());
        agent.call("trace.start", Map.of("session", s, "screenshots", false));
        assertTrue(agent.call("trace.status", Map.of("session", s)).get("recording").asBoolean());
        agent.call("trace.stop", Map.of("session", s));

        try (RpcClient other = SharedSessions.client("parity-tab-owner", "agent")) {
            JsonNode leased = other.call("tab.new", Map.of("session", s, "url", TestPages.url("static.html"), "lease", true));
            String tab = leased.get("id").asText();
            RpcError held = fails("page.click", Map.of("session", s, "tab", tab, "selector", "a"));
            assertEquals("CONTROL_HELD", held.kind());
            assertEquals("parity-tab-owner", held.data().at("/holder/name").asText(), held.toString());
            assertEquals("static", other.call("page.title", Map.of("session", s)).get("title").asText(),
                    "the lease holder's commands without a tab go to its tab");
            assertEquals("Sign up", agent.call("page.title", Map.of("session", s, "tab", "t1")).get("title").asText(),
                    "the other tabs stay open to everyone");
        }
        agent.call("session.delete", Map.of("id", s));
    }

    @Test
    void theCdpDoorIsTheSessionsOwnBrowser() throws Exception {
        String s = SharedSessions.fresh(agent, "parity-cdp", "form.html");
        assertEquals("ws://127.0.0.1:" + Hub.base().getPort() + "/cdp/" + s, agent.call("session.get", Map.of("id", s)).get("cdpUrl").asText());
        try (CdpClient raw = CdpClient.toSession(s, "?client=parity-cdp-client")) {
            assertTrue(raw.call("Browser.getVersion", Map.of()).get("product").asText().contains("Chrome"));
            String target = raw.attachToPage("form.html");
            assertEquals("Sign up", raw.evaluate(target, "document.title").asText());
            raw.evaluate(target, "document.querySelector('#name').value = 'over CDP'");
            assertEquals("over CDP", agent.call("page.evaluate", Map.of("session", s, "function", "() => document.querySelector('#name').value"))
                    .get("value").asText(), "the page the hub drives");
            assertTrue(raw.error("Browser.crash", Map.of(), null).get("message").asText().contains("refused"));
        }
        List<String> methods = SharedSessions.activity(agent, s).stream()
                .filter(e -> e.at("/data/client/name").asText().equals("parity-cdp-client"))
                .map(e -> e.at("/data/method").asText()).toList();
        assertTrue(methods.contains("cdp.connect"), "the CDP connection is in the activity log: " + methods);
        agent.call("session.delete", Map.of("id", s));
    }

    @Test
    void theHubDescribesItselfAndIsHealthy() {
        JsonNode info = agent.call("hub.info");
        assertEquals(io.browserhub.browser.PlaywrightDriver.version(), info.at("/browser/playwright").asText(),
                "the Playwright version, read from its jar's pom.properties: " + info);
        assertTrue(info.at("/browser/executable").asText().contains("chrom"), info.toString());
        JsonNode discover = agent.call("rpc.discover");
        assertTrue(discover.get("methods").size() > 40, "the OpenRPC document lists the methods");
        Hub.http().get("/q/health/ready").then().statusCode(200);
        String metrics = Hub.http().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("browserhub_"), "the hub's own metrics");
    }

    @Test
    void idleSessionsWakeUpAtOnce() throws Exception {
        SharedSessions.fresh(agent, "parity-page", "static.html");
        agent.call("page.title", Map.of("session", "parity-page"));
        Path log = Path.of("target", "quarkus.log");
        assumeTrue(Files.exists(log), "the integration test's log file");
        String text = Files.readString(log);
        assertTrue(text.contains("Session parity-page"), "the log is this hub's");
        assertFalse(text.contains("notice commands within 10 ms"),
                "Playwright's transport was reached: an idle session wakes up for a command at once, not 10 ms later");
    }

    /**
     * With -Dnative only: the same script against the native executable under test and against the jar of the same
     * build, answers compared as JSON once times, ids of clients and paths of data directories are set aside.
     */
    @Test
    void theExecutableAnswersLikeTheJar(@TempDir Path tmp) throws Exception {
        String reference = System.getProperty("parity.reference.jar");
        assumeTrue(reference != null && Files.exists(Path.of(reference)), "a native build with its jar beside it (-Dnative)");
        List<JsonNode> native_ = ParityScript.run(Hub.base(), Hub.TOKEN);
        List<JsonNode> jvm;
        try (HubProcess jar = HubProcess.start(tmp.resolve("jar-data"), Map.of(), Path.of(reference))) {
            jvm = ParityScript.run(jar.baseUri(), HubProcess.TOKEN);
        }
        for (int i = 0; i < jvm.size(); i++) {
            // JSON objects are equal whatever the order of their fields (a Map.of's order differs from run to run)
            assertEquals(jvm.get(i), native_.get(i), "answer " + i + " to " + ParityScript.step(i) + "\nJVM:    " + jvm.get(i)
                    + "\nnative: " + native_.get(i));
        }
    }

    private static JsonNode page(String method, Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("session", "parity-page");
        return agent.call(method, all);
    }

    private static JsonNode eval(String function) {
        return page("page.evaluate", Map.of("function", function)).get("value");
    }

    private static String text(String selector) {
        return page("page.text", Map.of("selector", selector)).get("text").asText();
    }

    private static RpcError fails(String method, Map<String, Object> params) {
        return assertThrows(RpcError.class, () -> agent.call(method, params), method + " " + params);
    }

    /**
     * The first event of this kind that matches, among those already read or the next ones: events of one page arrive in
     * the order they happened (a command's own event may come before an error its script raised a moment later).
     */
    private static JsonNode event(RpcClient watcher, List<JsonNode> seen, String kind, java.util.function.Predicate<JsonNode> matching)
            throws InterruptedException {
        for (JsonNode n : seen) {
            if (kind.equals(n.at("/params/kind").asText()) && matching.test(n.get("params"))) {
                return n.get("params");
            }
        }
        return SharedSessions.awaitEvent(watcher, kind, matching, seen);
    }

    /** The session's tabs once a popup opened by the page has arrived (it opens asynchronously). */
    private static JsonNode tabsOnceThereAre(String session, int count) throws InterruptedException {
        JsonNode tabs = agent.call("tab.list", Map.of("session", session)).get("tabs");
        for (int i = 0; i < 100 && tabs.size() < count; i++) {
            Thread.sleep(100);
            tabs = agent.call("tab.list", Map.of("session", session)).get("tabs");
        }
        assertEquals(count, tabs.size(), "the link's popup is a tab: " + tabs);
        return tabs;
    }

    /** A loopback port nothing listens on: a connection to it is refused at once. */
    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static ProcessHandle browserOf(String session) {
        String needle = "sessions/" + session + "/profile";
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("--user-data-dir=") && c.contains(needle) && !c.contains("--type=")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no browser runs on " + needle));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }
}
