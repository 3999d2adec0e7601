package io.browserhub.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** page.goto, back, forward, reload and waitFor, against pages the test serves itself. */
@QuarkusTest
class PageNavigationTest {

    private static final BrowserUnderTest browser = new BrowserUnderTest("nav");

    @AfterAll
    static void deleteSession() {
        browser.close();
    }

    @Test
    void gotoAnswersTheFinalUrlTheHttpStatusAndTheTitle() {
        JsonNode loaded = browser.open("form.html");
        assertEquals(TestPages.url("form.html"), loaded.get("url").asText());
        assertEquals(200, loaded.get("status").asInt());
        assertEquals("Sign up", loaded.get("title").asText());
        assertEquals("Sign up", browser.text("h1"));

        JsonNode missing = browser.open("no-such-page.html");
        assertEquals(404, missing.get("status").asInt(), "an HTTP error page still loads; the agent sees its status");
        assertTrue(browser.call("page.text").get("text").asText().contains("not found"));
    }

    @Test
    void everyWaitUntilValueLoadsThePage() {
        for (String waitUntil : new String[] {"load", "domcontentloaded", "networkidle", "commit"}) {
            JsonNode loaded = browser.call("page.goto", Map.of("url", TestPages.url("second.html?waitUntil=" + waitUntil), "waitUntil", waitUntil));
            assertEquals(200, loaded.get("status").asInt(), waitUntil);
            assertTrue(loaded.get("url").asText().endsWith("waitUntil=" + waitUntil), loaded.toString());
        }
        RpcError wrong = browser.fails("INVALID_PARAMS", "page.goto", Map.of("url", TestPages.url("form.html"), "waitUntil", "soon"));
        assertTrue(wrong.message().contains("waitUntil"), wrong.message());
    }

    @Test
    void domContentLoadedAnswersBeforeASlowImageThenWaitForLoadStateWaitsForIt() {
        browser.call("page.goto", Map.of("url", TestPages.url("slow-image.html"), "waitUntil", "domcontentloaded"));
        assertEquals("A page with a slow image", browser.text("h1"));
        assertNotEquals("complete", browser.eval("() => document.readyState").asText(), "the image is still loading");

        browser.call("page.waitFor", Map.of("loadState", "load", "timeoutMs", 10_000));
        assertEquals("complete", browser.eval("() => document.readyState").asText());
    }

    @Test
    void unreachableUrlIsNavigationFailedNamingTheUrl() throws IOException {
        String url = "http://127.0.0.1:" + closedPort() + "/unreachable";
        RpcError error = browser.fails("NAVIGATION_FAILED", "page.goto", Map.of("url", url, "timeoutMs", 10_000));
        assertTrue(error.message().contains(url), error.message());
        assertTrue(error.message().contains("ERR_CONNECTION_REFUSED"), error.message());
        assertEquals(url, error.data().get("url").asText());
    }

    @Test
    void theNextGotoAfterAFailedOneLoads() throws IOException {
        String unreachable = "http://127.0.0.1:" + closedPort() + "/down";
        for (int i = 0; i < 5; i++) {
            browser.fails("NAVIGATION_FAILED", "page.goto", Map.of("url", unreachable, "timeoutMs", 10_000));
            // Chromium shows its error page for the failure a moment later; that must not break the agent's next step
            assertEquals("Sign up", browser.open("form.html").get("title").asText());
        }
    }

    @Test
    void urlWithoutSchemeIsRefusedWithTheFullFormToUse() {
        RpcError error = browser.fails("NAVIGATION_FAILED", "page.goto", Map.of("url", "example.com/path"));
        assertTrue(error.message().contains("https://example.com/path"), error.message());
    }

    @Test
    void javascriptUrlIsRefusedAndNeverRuns() {
        browser.open("form.html");
        RpcError error = browser.fails("NAVIGATION_FAILED", "page.goto", Map.of("url", "javascript:document.title='pwned'"));
        assertTrue(error.message().contains("javascript:"), error.message());
        assertEquals("Sign up", browser.call("page.title").get("title").asText());
        assertEquals(-32007, error.code());
    }

    @Test
    void aDownloadIsNotAPageAndTheTabStaysWhereItWas() {
        browser.open("form.html");
        RpcError error = browser.fails("NAVIGATION_FAILED", "page.goto", Map.of("url", TestPages.url("download")));
        assertTrue(error.message().contains("download"), error.message());
        assertEquals(TestPages.url("form.html"), browser.url());
    }

    @Test
    void backForwardAndReloadMoveThroughTheTabsHistory() {
        browser.open("links.html");
        browser.call("page.click", Map.of("selector", "#same-tab"));
        browser.call("page.waitFor", Map.of("urlPattern", "**/second.html"));
        assertEquals("You reached the second page.", browser.text("#where"));

        JsonNode back = browser.call("page.back");
        assertEquals(TestPages.url("links.html"), back.get("url").asText());
        assertEquals("Links", back.get("title").asText());
        assertEquals(TestPages.url("links.html"), browser.url());

        JsonNode forward = browser.call("page.forward");
        assertEquals(TestPages.url("second.html"), forward.get("url").asText());
        assertEquals("Second page", forward.get("title").asText());

        browser.eval("() => { window.beforeReload = 'still here'; }");
        JsonNode reloaded = browser.call("page.reload");
        assertEquals(TestPages.url("second.html"), reloaded.get("url").asText());
        assertTrue(browser.eval("() => window.beforeReload === undefined").asBoolean(), "a reload starts a fresh document");
    }

    @Test
    void waitForASelectorThatAppearsLater() {
        browser.open("waits.html");
        browser.call("page.click", Map.of("selector", "#start"));
        assertFalse(browser.eval("() => !!document.querySelector('#late')").asBoolean(), "the page adds #late only after a timer");

        browser.call("page.waitFor", Map.of("selector", "#late", "timeoutMs", 10_000));
        assertEquals("The slow work is done", browser.text("#late"));
    }

    @Test
    void waitForAnElementToBeHidden() {
        browser.open("waits.html");
        assertTrue(browser.eval("() => document.querySelector('#spinner').checkVisibility()").asBoolean());
        browser.call("page.click", Map.of("selector", "#start"));
        browser.call("page.waitFor", Map.of("selector", "#spinner", "state", "hidden", "timeoutMs", 10_000));
        assertFalse(browser.eval("() => document.querySelector('#spinner').checkVisibility()").asBoolean());
        browser.fails("INVALID_PARAMS", "page.waitFor", Map.of("selector", "#spinner", "state", "gone"));
    }

    @Test
    void waitForATextToShowAndAnotherToGo() {
        browser.open("waits.html");
        browser.call("page.click", Map.of("selector", "#start"));
        browser.call("page.waitFor", Map.of("text", "SLOW WORK IS DONE", "timeoutMs", 10_000));
        assertEquals("The slow work is done", browser.text("#late"), "text matches a part of an element's text, in any case");
        browser.call("page.waitFor", Map.of("text", "Working...", "state", "hidden", "timeoutMs", 10_000));
        assertFalse(browser.eval("() => document.querySelector('#spinner').checkVisibility()").asBoolean());
        browser.fails("TIMEOUT", "page.waitFor", Map.of("text", "never shown", "timeoutMs", 300));
    }

    @Test
    void waitForAUrlByGlob() {
        browser.open("waits.html");
        browser.call("page.click", Map.of("selector", "#leave"));
        browser.call("page.waitFor", Map.of("urlPattern", "**/second.html", "timeoutMs", 10_000));
        assertEquals(TestPages.url("second.html"), browser.url());
    }

    @Test
    void waitForAUrlByRegularExpression() {
        browser.open("waits.html");
        browser.call("page.click", Map.of("selector", "#leave"));
        browser.call("page.waitFor", Map.of("urlPattern", "/sec[o]nd\\.html$/", "timeoutMs", 10_000));
        assertTrue(browser.url().endsWith("/second.html"), browser.url());
    }

    @Test
    void waitingPastTheTimeoutIsTimeout() {
        browser.open("waits.html");
        RpcError selector = browser.fails("TIMEOUT", "page.waitFor", Map.of("selector", "#never", "timeoutMs", 500));
        assertTrue(selector.message().contains("500 ms"), selector.message());
        assertEquals("#never", selector.data().get("selector").asText());

        RpcError url = browser.fails("TIMEOUT", "page.waitFor", Map.of("urlPattern", "**/never.html", "timeoutMs", 500));
        assertTrue(url.message().contains("page.waitFor"), url.message());
        assertEquals(500, url.data().get("timeoutMs").asInt());
    }

    /** A loopback port nothing listens on (Chromium refuses "unsafe" ports such as 1 before even trying). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void waitForWithNothingToWaitForIsInvalidParams() {
        RpcError error = browser.fails("INVALID_PARAMS", "page.waitFor", Map.of());
        assertTrue(error.message().contains("selector"), error.message());
    }
}
