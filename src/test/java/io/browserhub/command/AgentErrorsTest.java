package io.browserhub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.RpcError;
import io.browserhub.support.SharedSessions;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The mistakes an agent author makes in the first hour, and what the hub answers: each error says what to write
 * instead, and comes at once when the request alone shows the mistake.
 */
@QuarkusTest
class AgentErrorsTest {

    private static final BrowserUnderTest browser = new BrowserUnderTest("first-hour");

    @AfterAll
    static void deleteSession() {
        browser.close();
    }

    /**
     * timeoutMs 0 means "wait as long as it takes": a bare ref that reached the page would never be answered, and the
     * client's own patience would fail the test. The hub refuses it before the page sees it.
     */
    @Test
    void aBareRefIsRefusedAtOnceWithTheSelectorToWrite() {
        browser.open("first-hour.html");
        for (String ref : List.of("e5", "f1e2", " e12 ")) {
            RpcError error = browser.fails("INVALID_PARAMS", "page.click", Map.of("selector", ref, "timeoutMs", 0));
            String meant = "aria-ref=" + ref.strip();
            assertTrue(error.message().contains("\"" + meant + "\""), error.message());
            assertEquals(meant, error.data().get("suggestion").asText());
        }
        browser.fails("INVALID_PARAMS", "page.waitFor", Map.of("selector", "e3", "timeoutMs", 0));
        browser.fails("INVALID_PARAMS", "page.text", Map.of("selector", "f2e10", "timeoutMs", 0));
        browser.fails("INVALID_PARAMS", "page.fill", Map.of("selector", "e7", "value", "x", "timeoutMs", 0));

        // the written-out form reaches the element, also inside a frame
        String snapshot = browser.call("page.snapshot").get("snapshot").asText();
        java.util.regex.Matcher inner = java.util.regex.Pattern.compile("button \"Inner button\" \\[ref=(f\\d+e\\d+)]").matcher(snapshot);
        assertTrue(inner.find(), "a frame's elements have f-refs: " + snapshot);
        browser.call("page.click", Map.of("selector", "aria-ref=" + inner.group(1)));
    }

    @Test
    void aSelectorMatchingSeveralElementsIsNoElementListingThemWithASelectorForEach() {
        browser.open("first-hour.html");
        RpcError error = browser.fails("NO_ELEMENT", "page.click", Map.of("selector", ".buy", "timeoutMs", 2000));
        assertEquals(3, error.data().get("count").asInt());
        JsonNode matches = error.data().get("matches");
        assertEquals(3, matches.size(), error.toString());
        assertEquals(".buy >> nth=1", matches.get(1).get("selector").asText());
        assertTrue(matches.get(1).get("element").asText().startsWith("<button class=\"buy\">Buy</button>"), matches.toString());
        for (String part : List.of("matched 3 elements", "1) <button", "2) <button", "3) <button", ".buy >> nth=2")) {
            assertTrue(error.message().contains(part), part + " in " + error.message());
        }

        browser.call("page.click", Map.of("selector", matches.get(1).get("selector").asText()));
        assertEquals("button 2", browser.text("#bought"), "the listed selector picks that element");

        RpcError many = browser.fails("NO_ELEMENT", "page.hover", Map.of("selector", "li.item", "timeoutMs", 2000));
        assertEquals(12, many.data().get("count").asInt());
        assertEquals(10, many.data().get("matches").size(), "Playwright names ten of them");
        assertTrue(many.message().contains("... and 2 more"), many.message());
    }

    @Test
    void actionsOnTheWrongKindOfElementSayWhatTheyNeed() {
        browser.open("first-hour.html");
        RpcError fill = browser.fails("NO_ELEMENT", "page.fill", Map.of("selector", "#para", "value", "hello", "timeoutMs", 2000));
        assertTrue(fill.message().startsWith("page.fill needs a text field"), fill.message());
        assertTrue(fill.message().contains("<p id=\"para\">"), "names the element it found: " + fill.message());
        assertTrue(fill.data().get("element").asText().startsWith("<p id=\"para\">"), fill.toString());

        RpcError box = browser.fails("NO_ELEMENT", "page.fill", Map.of("selector", "#agree", "value", "yes", "timeoutMs", 2000));
        assertTrue(box.message().contains("page.check"), box.message());

        RpcError check = browser.fails("NO_ELEMENT", "page.check", Map.of("selector", "#para", "timeoutMs", 2000));
        assertTrue(check.message().startsWith("page.check needs a checkbox or radio button"), check.message());
        RpcError select = browser.fails("NO_ELEMENT", "page.selectOption",
                Map.of("selector", "#para", "values", List.of("a"), "timeoutMs", 2000));
        assertTrue(select.message().startsWith("page.selectOption needs a <select> element"), select.message());
    }

    @Test
    void aUrlWithoutSchemeSuggestsWhatWasMeant() {
        browser.open("first-hour.html");
        RpcError file = browser.fails("NAVIGATION_FAILED", "page.goto", Map.of("url", "form.html"));
        assertEquals(TestPages.url("form.html"), file.data().get("suggestion").asText(), "a path next to the tab's page");
        assertFalse(file.message().contains("https://form.html"), file.message());
        assertTrue(file.message().contains(TestPages.url("form.html")), file.message());
        assertEquals(TestPages.url("pages/a.html"),
                browser.fails("NAVIGATION_FAILED", "tab.new", Map.of("url", "./pages/a.html")).data().get("suggestion").asText());
        assertEquals(1, browser.call("tab.list").get("tabs").size(), "a refused URL leaves no tab behind");

        assertEquals("https://example.com/path",
                browser.fails("NAVIGATION_FAILED", "page.goto", Map.of("url", "example.com/path")).data().get("suggestion").asText());
        assertEquals("http://localhost:8080/app",
                browser.fails("NAVIGATION_FAILED", "page.goto", Map.of("url", "localhost:8080/app")).data().get("suggestion").asText());
        assertEquals("http://127.0.0.1:3000/",
                browser.fails("NAVIGATION_FAILED", "page.goto", Map.of("url", "127.0.0.1:3000/")).data().get("suggestion").asText());

        browser.call("page.goto", Map.of("url", "about:blank"));
        RpcError nowhere = browser.fails("NAVIGATION_FAILED", "page.goto", Map.of("url", "form.html"));
        assertFalse(nowhere.data().has("suggestion"), "no page to be relative to: " + nowhere);
        assertTrue(nowhere.message().contains("file:///"), nowhere.message());
        assertFalse(nowhere.message().contains("https://form.html"), nowhere.message());
    }

    @Test
    void sessionMethodsTakeTheSessionAsSessionToo() {
        String id = browser.id();
        assertEquals(id, browser.rpc().call("session.get", Map.of("session", id)).get("id").asText());
        assertEquals(id, browser.rpc().call("session.get", Map.of("id", id)).get("id").asText());
        JsonNode activity = browser.rpc().call("session.activity", Map.of("session", id, "limit", 5));
        assertTrue(activity.get("entries").size() > 0, activity.toString());

        RpcError both = rpcFails("session.get", Map.of("id", id, "session", "other"));
        assertEquals("INVALID_PARAMS", both.kind());
        assertEquals(id, browser.rpc().call("session.get", Map.of("id", id, "session", id)).get("id").asText(), "the same twice is fine");
        RpcError none = rpcFails("session.activity", Map.of());
        assertTrue(none.message().contains("\"id\" (or \"session\")"), none.message());
        assertEquals("SESSION_NOT_FOUND", rpcFails("session.get", Map.of("session", "no-such-session")).kind());
    }

    /**
     * What a person types reaches the activity log as keys, so people can read what happened, except in fields that
     * hide it: a password input, a one-time code, a CSS-masked field, and any field inside a frame.
     */
    @Test
    void keysAreLoggedExceptWhereThePageHidesThem() {
        browser.open("first-hour.html");
        long since = browser.rpc().call("session.activity", Map.of("id", browser.id(), "limit", 1000)).get("nextSeq").asLong();
        typeInto("#note", "hi", false);
        typeInto("#secret", "pw", true);
        typeInto("#otp", "12", true);
        typeInto("#pin", "34", true);
        browser.call("page.evaluate", Map.of("function",
                "() => document.getElementById('frame').contentDocument.getElementById('inner').focus()"));
        typeKeys("fr", true, "the frame's password field");
        assertEquals("hi", browser.value("#note"));
        assertEquals("pw", browser.value("#secret"));

        StringBuilder shown = new StringBuilder();
        int secret = 0;
        for (JsonNode e : SharedSessions.activity(browser.rpc(), browser.id())) {
            JsonNode d = e.get("data");
            if (e.get("seq").asLong() >= since && "command".equals(e.get("kind").asText()) && "input.key".equals(d.path("method").asText())) {
                if (d.path("secret").asBoolean()) {
                    secret++;
                    assertFalse(d.has("key") || d.has("text"), "a secret key is not logged: " + d);
                } else {
                    shown.append(d.path("key").asText()).append(d.path("text").asText());
                }
            }
        }
        assertTrue(shown.toString().startsWith("hi"), "the note's keys are logged: " + shown);
        assertEquals(8, secret, "pw, 12, 34 and fr are not; saw " + shown);
    }

    private void typeInto(String selector, String text, boolean secret) {
        browser.call("page.click", Map.of("selector", selector));
        typeKeys(text, secret, selector);
    }

    private void typeKeys(String text, boolean secret, String where) {
        for (char c : text.toCharArray()) {
            JsonNode r = browser.call("input.key", Map.of("action", "press", "key", String.valueOf(c)));
            assertEquals(secret, r.get("secret").asBoolean(), where + ": " + r);
        }
    }

    private static RpcError rpcFails(String method, Map<String, ?> params) {
        return assertThrows(RpcError.class, () -> browser.rpc().call(method, params), method + " " + params);
    }
}
