package io.browserhub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import io.browserhub.client.Client;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The translation of Playwright's errors, against messages recorded from Playwright 1.62 with Chromium 156 (the shapes
 * its Java client renders: plain text, or "Error {message=..., name=..., stack=...}" with a call log). This is the part
 * most likely to break when Playwright is upgraded: these cases say what must still come out.
 */
class PlaywrightErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HubException translate(String method, Map<String, Object> params, PlaywrightException e) {
        ObjectNode node = JSON.valueToTree(params);
        return PlaywrightErrors.translate(new Call(method, Client.anonymous(), new Params(node, JSON, 30_000)), e);
    }

    /** How Playwright Java renders an error the driver sent. */
    private static PlaywrightException server(String message, String name) {
        return new PlaywrightException("Error {\n  message='" + message + "\n  name='" + name + "\n  stack='" + name + ": " + message
                + "\n    at ProgressController.run\n}");
    }

    @Test
    void aTimeoutWaitingForAnElementIsNoElementNamingTheSelector() {
        HubException e = translate("page.click", Map.of("selector", "#nope", "timeoutMs", 300),
                new TimeoutError("Timeout 300ms exceeded.\nCall log:\n  - waiting for locator('#nope')\n"));
        assertEquals(ErrorCode.NO_ELEMENT, e.code());
        assertTrue(e.getMessage().contains("\"#nope\"") && e.getMessage().contains("300 ms"), e.getMessage());
        assertEquals(300L, e.data().get("timeoutMs"));
    }

    @Test
    void aTimeoutOfAWaitIsTimeout() {
        HubException e = translate("page.waitFor", Map.of("selector", "#late", "timeoutMs", 1000),
                new TimeoutError("Timeout 1000ms exceeded."));
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertTrue(e.getMessage().startsWith("page.waitFor did not finish within 1000 ms"), e.getMessage());
    }

    @Test
    void aStaleRefSaysToTakeANewSnapshot() {
        HubException e = translate("page.click", Map.of("selector", "aria-ref=e99"),
                server("Error: No element matching aria-ref=e99 in aria-ref selector", "Error"));
        assertEquals(ErrorCode.NO_ELEMENT, e.code());
        assertTrue(e.getMessage().contains("take a new page.snapshot"), e.getMessage());
    }

    @Test
    void networkFailuresAreNavigationFailedNamingTheUrl() {
        HubException e = translate("page.goto", Map.of("url", "http://nope.invalid/"),
                server("net::ERR_NAME_NOT_RESOLVED at http://nope.invalid/", "Error"));
        assertEquals(ErrorCode.NAVIGATION_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("Could not load \"http://nope.invalid/\": net::ERR_NAME_NOT_RESOLVED"), e.getMessage());
    }

    @Test
    void aDownloadIsNotAPage() {
        HubException e = translate("page.goto", Map.of("url", "http://x.test/report.pdf"), server("Download is starting", "Error"));
        assertEquals(ErrorCode.NAVIGATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("is a file download"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsInvalidParamsListingKeyNames() {
        HubException e = translate("page.press", Map.of("key", "Enterr"), server("Unknown key: \"Enterr\"", "Error"));
        assertEquals(ErrorCode.INVALID_PARAMS, e.code());
        assertTrue(e.getMessage().contains("Enterr") && e.getMessage().contains("Control+A"), e.getMessage());
    }

    @Test
    void aBadSelectorIsInvalidParamsButAScriptsSyntaxErrorIsTheScripts() {
        HubException selector = translate("page.click", Map.of("selector", "!!"),
                server("Unexpected token \"!\" while parsing css selector \"!!\". Did you mean to CSS.escape it?", "Error"));
        assertEquals(ErrorCode.INVALID_PARAMS, selector.code());
        assertTrue(selector.getMessage().startsWith("The selector is not valid"), selector.getMessage());

        HubException script = translate("page.evaluate", Map.of("function", "() => {"),
                server("SyntaxError: Unexpected token '}'", "SyntaxError"));
        assertEquals(ErrorCode.SCRIPT_ERROR, script.code());
        assertEquals("SyntaxError", script.data().get("name"));
    }

    @Test
    void aScriptThatThrowsIsScriptErrorWithTheJavaScriptNameAndMessage() {
        HubException e = translate("page.evaluate", Map.of("function", "() => foo()"),
                server("ReferenceError: foo is not defined\n    at eval (eval at evaluate (:234:30), <anonymous>:1:7)", "ReferenceError"));
        assertEquals(ErrorCode.SCRIPT_ERROR, e.code());
        assertEquals("ReferenceError", e.data().get("name"));
        assertEquals("foo is not defined", e.data().get("message"));
    }

    @Test
    void aClosedPageIsSessionUnavailable() {
        HubException e = translate("page.title", Map.of(), new PlaywrightException("Target page, context or browser has been closed"));
        assertEquals(ErrorCode.SESSION_UNAVAILABLE, e.code());
    }

    @Test
    void aStrictModeViolationListsWhatItMatched() {
        HubException e = translate("page.click", Map.of("selector", "button"), server("strict mode violation: locator('button') resolved to 3 elements:\n"
                + "    1) <button id=\"a\">One</button> aka getByRole('button', { name: 'One' })\n"
                + "    2) <button id=\"b\">Two</button> aka getByRole('button', { name: 'Two' })\n"
                + "    3) <button id=\"c\">Three</button> aka getByRole('button', { name: 'Three' })\n", "Error"));
        assertEquals(ErrorCode.NO_ELEMENT, e.code());
        assertEquals(3, e.data().get("count"));
        assertTrue(e.getMessage().contains("button >> nth=1"), e.getMessage());
    }

    @Test
    void fillingSomethingThatIsNotAFieldSaysWhatItNeeds() {
        HubException e = translate("page.fill", Map.of("selector", "#para", "value", "x"), server(
                "Error: Element is not an <input>, <textarea>, <select> or [contenteditable] and does not have a role allowing [aria-readonly]\n"
                        + "Call log:\n  - waiting for locator('#para')\n  -   locator resolved to <p id=\"para\">Some text</p>\n", "Error"));
        assertEquals(ErrorCode.NO_ELEMENT, e.code());
        assertTrue(e.getMessage().contains("page.fill needs a text field"), e.getMessage());
    }

    @Test
    void anythingElseIsAnInternalErrorNamingTheMethod() {
        HubException e = translate("page.title", Map.of(), new PlaywrightException("Something new in Playwright 2.0"));
        assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
        assertTrue(e.getMessage().startsWith("page.title failed: Something new"), e.getMessage());
    }
}
