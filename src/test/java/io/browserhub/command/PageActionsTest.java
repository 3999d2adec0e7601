package io.browserhub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page.* methods that drive a form: clicks, typing, keys, hovering, choices, files, scrolling, the viewport. */
@QuarkusTest
class PageActionsTest {

    private static final BrowserUnderTest browser = new BrowserUnderTest("actions");

    @AfterAll
    static void deleteSession() {
        browser.close();
    }

    @Test
    void clickDoubleClickRightClickAndModifiers() {
        browser.open("form.html");
        browser.call("page.click", Map.of("selector", "#counter"));
        assertEquals("1", browser.text("#clicks"));
        assertEquals("button 0", browser.text("#last-press"));

        browser.call("page.click", Map.of("selector", "text=Count clicks", "clickCount", 2));
        assertEquals("1", browser.text("#dblclicks"), "clickCount 2 is a double click");
        assertEquals("3", browser.text("#clicks"), "a double click also fires two clicks");

        browser.call("page.click", Map.of("selector", "#counter", "button", "right"));
        assertEquals("button 2", browser.text("#last-press"));
        assertEquals("3", browser.text("#clicks"), "a right click is no click");

        browser.call("page.click", Map.of("selector", "#counter", "modifiers", List.of("Shift", "Alt")));
        assertEquals("button 0 with shift+alt", browser.text("#last-press"));

        RpcError unknown = browser.fails("INVALID_PARAMS", "page.click", Map.of("selector", "#counter", "modifiers", List.of("Hyper")));
        assertTrue(unknown.message().contains("Hyper"), unknown.message());
        browser.fails("INVALID_PARAMS", "page.click", Map.of("selector", "#counter", "button", "fourth"));
    }

    @Test
    void fillReplacesTheValueOfInputsAndTextareas() {
        browser.open("form.html");
        browser.call("page.fill", Map.of("selector", "#name", "value", "Ada Lovelace"));
        browser.call("page.fill", Map.of("selector", "#name", "value", "Grace Hopper"));
        assertEquals("Grace Hopper", browser.value("#name"));

        browser.call("page.fill", Map.of("selector", "#bio", "value", "line one\nline \"two\" <b>not bold</b>"));
        assertEquals("line one\nline \"two\" <b>not bold</b>", browser.value("#bio"));
    }

    @Test
    void typeKeyByKeyIntoAnElementOrTheFocusedOne() {
        browser.open("form.html");
        browser.call("page.type", Map.of("selector", "#keys", "text", "hi!", "delayMs", 10));
        assertEquals("hi!", browser.value("#keys"));
        assertEquals("[h][i][!]", browser.text("#keylog"), "every character is a key press the page sees");

        browser.call("page.click", Map.of("selector", "#email"));
        browser.call("page.type", Map.of("text", "ada@example.org"));
        assertEquals("ada@example.org", browser.value("#email"), "without selector the focused element receives the keys");
    }

    @Test
    void pressEnterSubmitsTheForm() {
        browser.open("form.html");
        browser.call("page.fill", Map.of("selector", "#name", "value", "Ada"));
        browser.call("page.press", Map.of("selector", "#name", "key", "Enter"));
        browser.call("page.waitFor", Map.of("urlPattern", "**/submitted.html?**", "timeoutMs", 10_000));
        assertTrue(browser.url().contains("name=Ada"), browser.url());
        assertEquals("Received name=Ada", browser.text("#received"));
    }

    @Test
    void pressControlASelectsEverythingSoTypingReplacesIt() {
        browser.open("form.html");
        browser.call("page.fill", Map.of("selector", "#name", "value", "old text"));
        browser.call("page.press", Map.of("selector", "#name", "key", "Control+A"));
        browser.call("page.type", Map.of("text", "new"));
        assertEquals("new", browser.value("#name"));

        browser.call("page.press", Map.of("key", "Backspace"));
        assertEquals("ne", browser.value("#name"), "without selector the key goes to the focused element");
    }

    @Test
    void anUnknownKeyNameIsInvalidParamsWithTheNamesToUse() {
        browser.open("form.html");
        RpcError error = browser.fails("INVALID_PARAMS", "page.press", Map.of("selector", "#name", "key", "Ctrl+A"));
        assertTrue(error.message().contains("\"Ctrl\"") && error.message().contains("Control+A"), error.message());
    }

    @Test
    void hoverPutsTheMouseOverTheElement() {
        browser.open("form.html");
        browser.call("input.mouse", Map.of("action", "move", "x", 1, "y", 1));
        assertFalse(browser.eval("() => document.querySelector('#hoverbox').matches(':hover')").asBoolean());
        browser.call("page.hover", Map.of("selector", "#hoverbox"));
        assertTrue(browser.eval("() => document.querySelector('#hoverbox').matches(':hover')").asBoolean());
        assertEquals("rgb(0, 128, 0)", browser.eval("() => getComputedStyle(document.querySelector('#hoverbox')).backgroundColor").asText());
        assertEquals("hovered", browser.text("#hover-state"));
    }

    @Test
    void checkAndUncheckBoxesAndRadios() {
        browser.open("form.html");
        browser.call("page.check", Map.of("selector", "#terms"));
        assertTrue(browser.eval("() => document.querySelector('#terms').checked").asBoolean());
        browser.call("page.check", Map.of("selector", "#terms"));
        assertTrue(browser.eval("() => document.querySelector('#terms').checked").asBoolean(), "check is idempotent");
        browser.call("page.uncheck", Map.of("selector", "#terms"));
        assertFalse(browser.eval("() => document.querySelector('#terms').checked").asBoolean());

        browser.call("page.check", Map.of("selector", "#plan-pro"));
        assertEquals("pro", browser.eval("() => document.querySelector('input[name=plan]:checked').value").asText());

        RpcError notABox = browser.fails("NO_ELEMENT", "page.check", Map.of("selector", "#name", "timeoutMs", 1000));
        assertTrue(notABox.message().contains("#name"), notABox.message());
    }

    @Test
    void selectOptionByValueOrLabelAnswersTheSelectedValues() {
        browser.open("form.html");
        JsonNode byLabel = browser.call("page.selectOption", Map.of("selector", "#colour", "values", List.of("Green")));
        assertEquals("[\"green\"]", byLabel.get("selected").toString());
        assertEquals("green", browser.value("#colour"));

        JsonNode several = browser.call("page.selectOption", Map.of("selector", "#toppings", "values", List.of("ham", "pineapple")));
        assertEquals("[\"ham\",\"pineapple\"]", several.get("selected").toString());
        assertEquals("[\"ham\",\"pineapple\"]",
                browser.eval("() => Array.from(document.querySelector('#toppings').selectedOptions).map(o => o.value)").toString());

        RpcError noSuchOption = browser.fails("NO_ELEMENT", "page.selectOption",
                Map.of("selector", "#colour", "values", List.of("Purple"), "timeoutMs", 500));
        assertTrue(noSuchOption.message().contains("Purple"), "the error names the missing option: " + noSuchOption.message());
        assertEquals("green", browser.value("#colour"));
    }

    @Test
    void setInputFilesHandsTheFileToThePage() throws IOException {
        // by path, files come from the allowed roots only: <data-dir>/uploads by default (files/LocalFilesTest)
        Path dir = Hub.uploads();
        Path file = Files.writeString(dir.resolve("quarterly report.txt"), "numbers go up", StandardCharsets.UTF_8);
        browser.open("form.html");
        browser.call("page.setInputFiles", Map.of("selector", "#upload", "paths", List.of(file.toString())));
        assertEquals("quarterly report.txt (13 bytes)", browser.text("#upload-names"));
        browser.call("page.waitFor", Map.of("selector", "text=numbers go up", "timeoutMs", 5000));
        assertEquals("numbers go up", browser.text("#upload-content"), "the page reads the file itself");

        browser.call("page.setInputFiles", Map.of("selector", "#upload", "paths", List.of()));
        assertEquals(0, browser.eval("() => document.querySelector('#upload').files.length").asInt(), "[] clears the input");
    }

    @Test
    void setInputFilesWithAMissingPathIsInvalidParams(@TempDir Path dir) {
        browser.open("form.html");
        String missing = dir.resolve("nowhere.txt").toString();
        RpcError error = browser.fails("INVALID_PARAMS", "page.setInputFiles", Map.of("selector", "#upload", "paths", List.of(missing)));
        assertTrue(error.message().contains(missing), error.message());
        browser.fails("INVALID_PARAMS", "page.setInputFiles", Map.of("selector", "#upload", "paths", List.of("relative/file.txt")));
        assertEquals(0, browser.eval("() => document.querySelector('#upload').files.length").asInt());
    }

    @Test
    void scrollByADistanceOrToAnElement() {
        browser.open("tall.html");
        assertEquals(0, browser.eval("() => window.scrollY").asInt());
        browser.call("page.scroll", Map.of("dy", 600));
        assertEquals(600, browser.eval("() => Math.round(window.scrollY)").asInt());

        browser.call("page.scroll", Map.of("selector", "#bottom"));
        assertTrue(browser.eval("() => { const r = document.querySelector('#bottom').getBoundingClientRect();"
                + " return r.top >= 0 && r.bottom <= window.innerHeight; }").asBoolean(), "#bottom is in view");
        assertTrue(browser.eval("() => window.scrollY").asInt() > 2000);
    }

    @Test
    void setViewportResizesTheWindow() {
        browser.open("form.html");
        assertEquals(1280, browser.eval("() => window.innerWidth").asInt());
        try {
            browser.call("page.setViewport", Map.of("width", 800, "height", 600));
            assertEquals("800x600", browser.eval("() => window.innerWidth + 'x' + window.innerHeight").asText());
            browser.fails("INVALID_PARAMS", "page.setViewport", Map.of("width", 0, "height", 600));
            assertEquals(800, browser.eval("() => window.innerWidth").asInt());
        } finally {
            browser.call("page.setViewport", Map.of("width", 1280, "height", 720));
        }
    }

    @Test
    void aSelectorThatMatchesNothingIsNoElementNamingTheSelectorAndTheTimeout() {
        browser.open("form.html");
        RpcError error = browser.fails("NO_ELEMENT", "page.click", Map.of("selector", "#does-not-exist", "timeoutMs", 500));
        assertTrue(error.message().contains("#does-not-exist"), error.message());
        assertTrue(error.message().contains("500 ms"), error.message());
        assertEquals("#does-not-exist", error.data().get("selector").asText());
        assertEquals(-32006, error.code());

        RpcError fill = browser.fails("NO_ELEMENT", "page.fill", Map.of("selector", "#nope", "value", "x", "timeoutMs", 500));
        assertTrue(fill.message().contains("#nope"), fill.message());
    }

    @Test
    void aSelectorWithBadSyntaxIsInvalidParams() {
        browser.open("form.html");
        for (String bad : new String[] {"#counter[[", "nosuchengine=foo", "xpath=//button[", "div >> >> p",
            "role=button[name=\"Send\"", "css="}) {
            RpcError error = browser.fails("INVALID_PARAMS", "page.click", Map.of("selector", bad, "timeoutMs", 500));
            assertEquals(bad, error.data().get("selector").asText(), error.toString());
        }
        assertEquals("0", browser.text("#clicks"));
    }

    @Test
    void actionsWorkOverHttpPostToo() {
        browser.open("form.html");
        JsonNode response = Hub.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"page.fill\",\"params\":{\"session\":\""
                + browser.id() + "\",\"selector\":\"#name\",\"value\":\"over http\"}}");
        assertTrue(response.has("result"), response.toString());
        assertEquals("over http", browser.value("#name"));
        assertEquals(TestPages.url("form.html"), browser.url());
    }
}
