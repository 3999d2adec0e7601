package io.browserhub.mcp;

import static io.browserhub.support.McpAgentClient.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.support.Hub;
import io.browserhub.support.McpAgentClient;
import io.browserhub.support.RpcClient;
import io.browserhub.support.TestPages;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Playwright MCP's browser tools against a hub session, as an agent in an MCP host uses them: each action answers
 * with what happened and the page's snapshot, whose refs the next call takes; the page itself is checked through
 * JSON-RPC on the same session.
 */
@QuarkusTest
class McpBrowserToolsTest {

    private static final String SESSION = "mcp-tools";
    private static McpAgentClient agent;
    private static RpcClient rpc;

    @BeforeAll
    static void connect() {
        agent = McpAgentClient.toHub("tools-agent", SESSION);
        rpc = Hub.connect();
    }

    @AfterAll
    static void disconnect() {
        agent.close();
        rpc.close();
    }

    @Test
    void navigateShowsThePageWithRefsThatClickAndTypeTake() {
        String page = agent.text("browser_navigate", Map.of("url", TestPages.url("form.html")));
        assertTrue(page.startsWith("### Result\nNavigated to " + TestPages.url("form.html")), page);
        assertTrue(page.contains("### Page\n- Page URL: " + TestPages.url("form.html") + "\n- Page Title: Sign up"), page);
        assertTrue(page.contains("### Snapshot\n```yaml\n- generic [active] [ref="), page);
        assertTrue(page.contains("button \"Count clicks\" [ref="), page);

        String clicked = agent.text("browser_click", Map.of("element", "Count clicks button", "ref", ref(page, "button \"Count clicks\"")));
        assertTrue(clicked.startsWith("### Result\nClicked Count clicks button (" + ref(page, "button \"Count clicks\"") + ")"), clicked);
        assertTrue(clicked.contains("1 clicks, 0 double clicks"), "the snapshot after the click shows its effect: " + clicked);

        String doubled = agent.text("browser_click", Map.of("ref", ref(clicked, "button \"Count clicks\""), "doubleClick", true));
        assertTrue(doubled.contains("1 double clicks"), doubled);

        String typed = agent.text("browser_type", Map.of("element", "Name", "ref", ref(doubled, "textbox \"Name\""), "text", "Ada"));
        assertTrue(typed.startsWith("### Result\nTyped 3 characters into Name"), typed);
        assertEquals("Ada", value("#name"));

        String keys = agent.text("browser_type", Map.of("target", ref(typed, "textbox \"Keys\""), "text", "ab", "slowly", true));
        assertTrue(keys.contains("Typed 2 characters"), keys);
        assertEquals("[a][b]", text("#keylog"), "slowly types key by key, so key handlers run");

        String hovered = agent.text("browser_hover", Map.of("element", "Hover me", "ref", ref(keys, ": Hover me")));
        assertTrue(hovered.contains("paragraph [ref=") && hovered.contains(": hovered"), hovered);
    }

    @Test
    void formsSelectsKeysAndUploads() throws Exception {
        String page = agent.text("browser_navigate", Map.of("url", TestPages.url("form.html")));
        String filled = agent.text("browser_fill_form", Map.of("fields", List.of(
                Map.of("name", "Email", "type", "textbox", "ref", ref(page, "textbox \"Email\""), "value", "ada@example.org"),
                Map.of("name", "Terms", "type", "checkbox", "ref", ref(page, "checkbox \"I accept the terms\""), "value", "true"),
                Map.of("name", "Pro plan", "type", "radio", "ref", ref(page, "radio \"Pro\""), "value", "true"),
                Map.of("name", "Colour", "type", "combobox", "ref", ref(page, "combobox \"Colour\""), "value", "Blue"))));
        assertTrue(filled.startsWith("### Result\nFilled 4 fields: Email, Terms, Pro plan, Colour"), filled);
        assertEquals("ada@example.org", value("#email"));
        assertEquals("true", rpc.call("page.evaluate", Map.of("session", SESSION, "function", "() => String(document.querySelector('#terms').checked && document.querySelector('#plan-pro').checked)")).get("value").asText());
        assertEquals("blue", value("#colour"));

        String selected = agent.text("browser_select_option", Map.of("element", "Toppings", "ref", ref(filled, "listbox \"Toppings\""),
                "values", List.of("Ham", "Pineapple")));
        assertTrue(selected.contains("Selected [\"ham\",\"pineapple\"] in Toppings"), selected);

        agent.text("browser_click", Map.of("ref", ref(selected, "textbox \"Keys\"")));
        String pressed = agent.text("browser_press_key", Map.of("key", "ArrowDown"));
        assertTrue(pressed.startsWith("### Result\nPressed ArrowDown"), pressed);
        assertEquals("[ArrowDown]", text("#keylog"));

        Path file = Files.createTempFile(Hub.uploads(), "mcp-upload-", ".txt"); // by path, from the allowed roots only
        Files.writeString(file, "uploaded by an agent");
        agent.text("browser_click", Map.of("element", "Attachment", "ref", ref(pressed, "button \"Attachment\"")));
        String uploaded = agent.text("browser_file_upload", Map.of("paths", List.of(file.toString())));
        assertTrue(uploaded.startsWith("### Result\nChose 1 file for the focused file input"), uploaded);
        assertEquals("uploaded by an agent", text("#upload-content"));
    }

    @Test
    void aStaleRefIsRefusedWithTheHubsSentence() {
        agent.text("browser_navigate", Map.of("url", TestPages.url("static.html")));
        String refused = agent.error("browser_click", Map.of("element", "gone", "ref", "e999"));
        assertTrue(refused.startsWith("### Error\nNo "), refused);
        assertTrue(refused.contains("aria-ref=e999"), refused);
        assertTrue(refused.contains("take a new page.snapshot"), refused);
        String noRef = agent.error("browser_click", Map.of("element", "what?"));
        assertTrue(noRef.contains("needs \"ref\""), noRef);
    }

    @Test
    void snapshotFitsABudget() {
        agent.text("browser_navigate", Map.of("url", TestPages.url("form.html")));
        String whole = agent.text("browser_snapshot", Map.of());
        String yaml = yaml(whole);
        String cut = agent.text("browser_snapshot", Map.of("maxChars", 300));
        String cutYaml = yaml(cut);
        assertTrue(cutYaml.length() <= 300 && cutYaml.length() > 200, cutYaml.length() + " characters: " + cutYaml);
        assertTrue(yaml.startsWith(cutYaml), "the cut keeps whole lines from the start");
        assertTrue(cut.contains("- Cut to " + cutYaml.length() + " of " + yaml.length() + " characters"), cut);

        String part = agent.text("browser_snapshot", Map.of("selector", "#signup"));
        assertTrue(yaml(part).contains("textbox \"Name\"") && !yaml(part).contains("Count clicks"), part);
        String shallow = yaml(agent.text("browser_snapshot", Map.of("depth", 1)));
        assertTrue(shallow.length() < yaml.length(), shallow);
    }

    @Test
    void screenshotIsAnImage() throws Exception {
        agent.text("browser_navigate", Map.of("url", TestPages.url("form.html")));
        McpSchema.CallToolResult shot = agent.call("browser_take_screenshot", Map.of());
        assertFalse(Boolean.TRUE.equals(shot.isError()), McpAgentClient.textOf(shot));
        McpSchema.ImageContent image = shot.content().stream().filter(McpSchema.ImageContent.class::isInstance)
                .map(McpSchema.ImageContent.class::cast).findFirst().orElseThrow();
        assertEquals("image/png", image.mimeType());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image.data())));
        assertEquals(1280, png.getWidth());
        assertEquals(720, png.getHeight());
        assertTrue(McpAgentClient.textOf(shot).contains("Screenshot of viewport (1280x720, image/png), saved on the hub as "));

        McpSchema.CallToolResult jpeg = agent.call("browser_take_screenshot", Map.of("type", "jpeg", "element", "the form",
                "target", "#signup"));
        McpSchema.ImageContent part = jpeg.content().stream().filter(McpSchema.ImageContent.class::isInstance)
                .map(McpSchema.ImageContent.class::cast).findFirst().orElseThrow();
        assertEquals("image/jpeg", part.mimeType());
        assertTrue(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(part.data()))).getWidth() < 1280);
    }

    @Test
    void tabsAreNumberedAsInPlaywrightMcp() {
        agent.text("browser_navigate", Map.of("url", TestPages.url("links.html")));
        String opened = agent.text("browser_tabs", Map.of("action", "new", "url", TestPages.url("second.html")));
        assertTrue(opened.contains("### Open tabs\n- 0: [Links](" + TestPages.url("links.html") + ")\n- 1: (current) [Second page]("), opened);
        assertTrue(opened.contains("- Page URL: " + TestPages.url("second.html")), opened);

        String selected = agent.text("browser_tabs", Map.of("action", "select", "index", 0));
        assertTrue(selected.contains("- 0: (current) [Links]"), selected);
        assertEquals(TestPages.url("links.html"), rpc.call("page.url", Map.of("session", SESSION)).get("url").asText());

        String closed = agent.text("browser_tabs", Map.of("action", "close", "index", 1));
        assertFalse(closed.contains("- 1:"), closed);
        assertTrue(agent.text("browser_tabs", Map.of("action", "list")).contains("- 0: (current) [Links]"));
        String missing = agent.error("browser_tabs", Map.of("action", "select", "index", 5));
        assertTrue(missing.contains("There is no tab 5; the session has 1 tab (index 0)."), missing);
    }

    @Test
    void evaluateAnswersJsonAndScriptErrorsAsTheHubSays() {
        agent.text("browser_navigate", Map.of("url", TestPages.url("form.html")));
        String result = agent.text("browser_evaluate", Map.of("function", "() => ({title: document.title, n: 1 + 1})"));
        assertTrue(result.contains("\"title\" : \"Sign up\"") && result.contains("\"n\" : 2"), result);

        String page = agent.text("browser_snapshot", Map.of());
        String ofElement = agent.text("browser_evaluate", Map.of("function", "(e) => e.tagName", "element", "Send",
                "ref", ref(page, "button \"Send\"")));
        assertTrue(ofElement.contains("\"BUTTON\""), ofElement);

        String thrown = agent.error("browser_evaluate", Map.of("function", "() => { throw new TypeError('no way'); }"));
        assertTrue(thrown.contains("TypeError") && thrown.contains("no way"), thrown);
    }

    @Test
    void aDialogIsTheModalStateUntilHandled() {
        String page = agent.text("browser_navigate", Map.of("url", TestPages.url("dialogs.html")));
        String clicked = agent.text("browser_click", Map.of("element", "Prompt", "ref", ref(page, "button \"Prompt\"")));
        assertTrue(clicked.contains("### Modal state\n- [\"prompt\" dialog with message \"Your name?\"]: can be handled by"
                + " browser_handle_dialog"), clicked);

        String refused = agent.error("browser_snapshot", Map.of());
        assertTrue(refused.contains("cannot run while a dialog holds the page") && refused.contains("### Modal state"), refused);

        String answered = agent.text("browser_handle_dialog", Map.of("accept", true, "promptText", "Ada"));
        assertTrue(answered.startsWith("### Result\nAccepted the prompt dialog \"Your name?\""), answered);
        assertTrue(answered.contains("paragraph [ref=") && answered.contains("hello Ada"), answered);

        String confirmRef = ref(answered, "button \"Confirm\"");
        String confirm = agent.text("browser_click", Map.of("ref", confirmRef));
        assertTrue(confirm.contains("\"confirm\" dialog with message \"Delete everything?\""), confirm);
        assertTrue(agent.text("browser_handle_dialog", Map.of("accept", false)).contains(": cancelled"));

        String armed = agent.text("browser_handle_dialog", Map.of("accept", true));
        assertTrue(armed.contains("No dialog was open"), armed);
        String answeredInAdvance = agent.text("browser_click", Map.of("ref", confirmRef));
        assertFalse(answeredInAdvance.contains("Modal state"), "an answer given beforehand closes the dialog at once: " + answeredInAdvance);
        assertTrue(answeredInAdvance.contains(": confirmed"), answeredInAdvance);
    }

    @Test
    void waitsConsoleNetworkAndResize() {
        String page = agent.text("browser_navigate", Map.of("url", TestPages.url("waits.html")));
        agent.text("browser_click", Map.of("ref", ref(page, "button \"Start the slow work\"")));
        String waited = agent.text("browser_wait_for", Map.of("text", "slow work is done", "textGone", "Working..."));
        assertTrue(waited.startsWith("### Result\nWaited for \"slow work is done\" to appear, then \"Working...\" to disappear"), waited);
        assertTrue(waited.contains("The slow work is done"), waited);
        assertTrue(agent.text("browser_wait_for", Map.of("time", 0.05)).startsWith("### Result\nWaited for 0.05 seconds"));

        agent.text("browser_evaluate", Map.of("function", "() => { console.log('hello from the page'); console.warn('careful'); }"));
        String console = agent.text("browser_console_messages", Map.of());
        assertTrue(console.contains("[LOG] hello from the page @ ") && console.contains("[WARNING] careful"), console);
        String errorsOnly = agent.text("browser_console_messages", Map.of("level", "error"));
        assertFalse(errorsOnly.contains("hello from the page"), errorsOnly);

        agent.text("browser_evaluate", Map.of("function", "() => fetch('/second.html').then(r => r.status)"));
        String network = agent.text("browser_network_requests", Map.of());
        assertTrue(network.contains("[GET] " + TestPages.url("second.html") + " => [200] OK"), network);
        assertFalse(network.contains("waits.html"), "the document itself is a static request: " + network);
        assertTrue(agent.text("browser_network_requests", Map.of("static", true)).contains("[GET] " + TestPages.url("waits.html")));

        agent.text("browser_resize", Map.of("width", 800, "height", 600));
        assertEquals(800, rpc.call("page.evaluate", Map.of("session", SESSION, "function", "() => innerWidth")).get("value").asInt());
        agent.text("browser_resize", Map.of("width", 1280, "height", 720));

        String back = agent.text("browser_navigate_back", Map.of());
        assertTrue(back.startsWith("### Result\nWent back to "), back);
    }

    private static String yaml(String reply) {
        int start = reply.indexOf("```yaml\n") + "```yaml\n".length();
        return reply.substring(start, reply.indexOf("\n```", start));
    }

    private static String value(String selector) {
        return rpc.call("page.evaluate", Map.of("session", SESSION, "function", "(s) => document.querySelector(s).value", "arg", selector))
                .get("value").asText();
    }

    private static String text(String selector) {
        return rpc.call("page.text", Map.of("session", SESSION, "selector", selector)).get("text").asText();
    }
}
