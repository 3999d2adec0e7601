package io.browserhub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** page.evaluate (function and argument travel apart) and page.handleDialog for alert, confirm and prompt. */
@QuarkusTest
class ScriptsAndDialogsTest {

    private static final BrowserUnderTest browser = new BrowserUnderTest("scripts");

    @AfterAll
    static void deleteSession() {
        browser.close();
    }

    @Test
    void evaluateReturnsTheFunctionsJsonValue() {
        browser.open("form.html");
        assertEquals("Sign up!", browser.eval("(arg) => document.title + arg.suffix", Map.of("suffix", "!")).asText());
        JsonNode value = browser.eval("() => ({n: 1.5, list: [1, 'two', null], yes: true, nested: {deep: 'x'}})");
        assertEquals("{\"n\":1.5,\"list\":[1,\"two\",null],\"yes\":true,\"nested\":{\"deep\":\"x\"}}", value.toString());
        assertTrue(browser.eval("() => undefined").isNull());
        assertEquals("1970-01-01T00:00:00.000Z", browser.eval("() => new Date(0)").asText(), "a Date as JSON.stringify writes it");
        assertEquals("[{\"a\":1},{\"a\":1}]", browser.eval("() => { const o = {a: 1}; return [o, o]; }").toString(),
                "the same object twice is no cycle");
    }

    @Test
    void evaluateWithASelectorGetsTheElementFirstAndTheArgumentSecond() {
        browser.open("form.html");
        JsonNode value = browser.call("page.evaluate", Map.of("selector", "#counter", "function", "(e, arg) => e.textContent + arg",
                "arg", "!")).get("value");
        assertEquals("Count clicks!", value.asText());
        browser.fails("NO_ELEMENT", "page.evaluate", Map.of("selector", "#nothing", "function", "(e) => e.id", "timeoutMs", 300));
        RpcError syntax = browser.fails("SCRIPT_ERROR", "page.evaluate", Map.of("selector", "#counter", "function", "(e) => {"));
        assertTrue(syntax.message().contains("SyntaxError"), "the script's own syntax error, not the selector's: " + syntax.message());
    }

    @Test
    void aResultThatRefersToItselfIsRefusedWithThePath() {
        browser.open("form.html");
        RpcError error = browser.fails("INVALID_PARAMS", "page.evaluate",
                Map.of("function", "() => { const node = {name: 'root', children: []}; node.children.push({parent: node}); return node; }"));
        assertTrue(error.message().contains("value.children[0].parent"), error.message());
        assertEquals("Sign up", browser.eval("() => document.title").asText(), "the session answers the next call");
    }

    @Test
    void aReturnedErrorObjectIsPlainDataWithoutJavaInternals() {
        browser.open("form.html");
        JsonNode error = browser.eval("() => new TypeError('bad input')");
        assertEquals("TypeError", error.get("name").asText(), error.toString());
        assertEquals("bad input", error.get("message").asText());
        assertTrue(error.get("stack").asText().startsWith("TypeError: bad input"), error.toString());
        assertFalse(error.toString().contains("java"), error.toString());
    }

    @Test
    void anArgumentFullOfQuotesAndMarkupNeverEntersTheSourceText() {
        browser.open("form.html");
        String nasty = "it's \"quoted\" `back ${document.title} ticks` \\ </script><script>alert(1)</script> \u2028 ü 🚀";
        Map<String, Object> arg = new LinkedHashMap<>();
        arg.put("text", nasty);
        arg.put("list", List.of(nasty, "${1+1}"));
        JsonNode echoed = browser.eval("(arg) => arg", arg);
        assertEquals(nasty, echoed.get("text").asText(), "returned unchanged, nothing interpolated");
        assertEquals("${1+1}", echoed.get("list").get(1).asText());

        // the page sees the same string, character for character
        assertEquals(nasty.length(), browser.eval("(s) => s.length", nasty).asInt());
        browser.eval("(s) => { document.querySelector('#name').value = s; }", nasty);
        assertEquals(nasty, browser.value("#name"));
    }

    @Test
    void anAsyncFunctionIsAwaited() {
        browser.open("form.html");
        JsonNode value = browser.eval("async (ms) => { await new Promise(r => setTimeout(r, ms)); return 'waited ' + ms; }", 50);
        assertEquals("waited 50", value.asText());
    }

    @Test
    void aThrownTypeErrorIsScriptErrorWithItsNameAndMessage() {
        browser.open("form.html");
        RpcError error = browser.fails("SCRIPT_ERROR", "page.evaluate", Map.of("function", "() => null.width"));
        assertEquals(-32010, error.code());
        assertEquals("TypeError", error.data().get("name").asText(), error.toString());
        assertEquals("Cannot read properties of null (reading 'width')", error.data().get("message").asText());
        assertTrue(error.data().has("stack"), error.toString());
        assertTrue(error.message().contains("TypeError"), error.message());
        assertFalse(error.toString().contains("com.microsoft.playwright"), "no Java internals on the wire: " + error);
    }

    @Test
    void aThrownCustomErrorKeepsItsName() {
        browser.open("form.html");
        RpcError error = browser.fails("SCRIPT_ERROR", "page.evaluate",
                Map.of("function", "(n) => { throw new RangeError('too far: ' + n); }", "arg", 7));
        assertEquals("RangeError", error.data().get("name").asText(), error.toString());
        assertEquals("too far: 7", error.data().get("message").asText());
    }

    @Test
    void aSyntaxErrorInsideThePageIsAScriptErrorNotABadSelector() {
        browser.open("form.html");
        RpcError json = browser.fails("SCRIPT_ERROR", "page.evaluate", Map.of("function", "(text) => JSON.parse(text)", "arg", "{oops"));
        assertEquals("SyntaxError", json.data().get("name").asText(), json.toString());

        RpcError xpath = browser.fails("SCRIPT_ERROR", "page.evaluate",
                Map.of("function", "() => document.evaluate('//button[', document, null, XPathResult.ANY_TYPE, null)"));
        assertEquals("SyntaxError", xpath.data().get("name").asText(), xpath.toString());

        RpcError source = browser.fails("SCRIPT_ERROR", "page.evaluate", Map.of("function", "() => { return (1 + ; }"));
        assertEquals("SyntaxError", source.data().get("name").asText(), source.toString());
        assertTrue(source.message().contains("SyntaxError"), source.message());
    }

    @Test
    void anAlertIsAnsweredWhileTheClickThatOpenedItWaits() {
        browser.open("dialogs.html");
        CompletableFuture<JsonNode> click = browser.send("page.click", Map.of("selector", "#alert"));
        JsonNode answer = browser.call("page.handleDialog", Map.of("accept", true));
        assertEquals(true, answer.get("answered").asBoolean(), answer.toString());
        assertEquals("alert", answer.get("type").asText());
        assertEquals("Saved!", answer.get("message").asText());
        RpcClient.await(click);
        assertEquals("alert closed", browser.text("#result"));
    }

    @Test
    void aConfirmCanBeAcceptedOrDismissed() {
        browser.open("dialogs.html");
        CompletableFuture<JsonNode> accepted = browser.send("page.click", Map.of("selector", "#confirm"));
        JsonNode answer = browser.call("page.handleDialog", Map.of("accept", true));
        assertEquals("confirm", answer.get("type").asText(), answer.toString());
        assertEquals("Delete everything?", answer.get("message").asText());
        RpcClient.await(accepted);
        assertEquals("confirmed", browser.text("#result"));

        CompletableFuture<JsonNode> dismissed = browser.send("page.click", Map.of("selector", "#confirm"));
        browser.call("page.handleDialog", Map.of("accept", false));
        RpcClient.await(dismissed);
        assertEquals("cancelled", browser.text("#result"));
    }

    @Test
    void aPromptsTextReachesThePage() {
        browser.open("dialogs.html");
        CompletableFuture<JsonNode> click = browser.send("page.click", Map.of("selector", "#prompt"));
        JsonNode answer = browser.call("page.handleDialog", Map.of("accept", true, "promptText", "Ada \"the first\" <programmer>"));
        assertEquals("prompt", answer.get("type").asText(), answer.toString());
        assertEquals("Your name?", answer.get("message").asText());
        RpcClient.await(click);
        assertEquals("hello Ada \"the first\" <programmer>", browser.text("#result"));
    }

    @Test
    void aConfirmOpenedWhileThePageLoadsIsAnsweredWhileGotoWaits() {
        CompletableFuture<JsonNode> loading = browser.send("page.goto", Map.of("url", TestPages.url("onload-confirm.html")));
        JsonNode answer = browser.call("page.handleDialog", Map.of("accept", true));
        assertEquals("Stay on this page?", answer.get("message").asText(), answer.toString());
        assertEquals("Confirm on load", RpcClient.await(loading).get("title").asText());
        assertEquals("stayed", browser.text("#result"));
    }

    @Test
    void aPromptFromEvaluateIsAnsweredWhileEvaluateWaits() {
        browser.open("form.html");
        CompletableFuture<JsonNode> asking = browser.send("page.evaluate", Map.of("function", "(q) => prompt(q)", "arg", "Why?"));
        JsonNode answer = browser.call("page.handleDialog", Map.of("accept", true, "promptText", "because"));
        assertEquals("Why?", answer.get("message").asText(), answer.toString());
        assertEquals("because", RpcClient.await(asking).get("value").asText());
    }

    @Test
    void aDialogAnsweredAfterTheClicksTimeoutIsReportedAsSuchNotAsAMissingElement() throws InterruptedException {
        browser.open("dialogs.html");
        CompletableFuture<JsonNode> click = browser.send("page.click", Map.of("selector", "#confirm", "timeoutMs", 300));
        Thread.sleep(1000); // the agent answers late: after the click's own timeout
        browser.call("page.handleDialog", Map.of("accept", true));
        RpcError error = assertThrows(RpcError.class, () -> RpcClient.await(click));
        assertEquals("TIMEOUT", error.kind(), error.toString());
        assertTrue(error.message().contains("confirm dialog (\"Delete everything?\", accepted"), error.message());
        assertTrue(error.message().contains("probably taken effect"), error.message());
        assertEquals("confirm", error.data().get("dialog").get("type").asText());
        assertEquals("confirmed", browser.text("#result"), "the click did happen, as the error says");
    }

    @Test
    void anAnswerGivenInAdvanceIsUsedForTheNextDialog() {
        browser.open("dialogs.html");
        JsonNode armed = browser.call("page.handleDialog", Map.of("accept", false));
        assertEquals(false, armed.get("answered").asBoolean(), armed.toString());
        assertEquals(true, armed.get("armed").asBoolean(), armed.toString());
        browser.call("page.click", Map.of("selector", "#confirm"));
        assertEquals("cancelled", browser.text("#result"));

        browser.call("page.handleDialog", Map.of("accept", true, "promptText", "Grace"));
        browser.call("page.click", Map.of("selector", "#prompt"));
        assertEquals("hello Grace", browser.text("#result"));

        browser.call("page.handleDialog", Map.of("accept", false));
        browser.call("page.click", Map.of("selector", "#prompt"));
        assertEquals("no name", browser.text("#result"), "a dismissed prompt returns null");
    }
}
