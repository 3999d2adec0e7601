package io.browserhub.cdp;

import static io.browserhub.cdp.CdpPlaywright.page;
import static io.browserhub.support.SharedSessions.activity;
import static io.browserhub.support.SharedSessions.awaitEvent;
import static io.browserhub.support.SharedSessions.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.browserhub.support.CdpClient;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** People bring their own Playwright (or raw CDP) to a session: it is the same browser, profile and tabs the hub drives. */
@QuarkusTest
class CdpDoorTest extends CdpPlaywright.Scenario {

    @Test
    void connectOverCdpSeesTheSessionsProfileAndTabs() {
        try (RpcClient rpc = Hub.connect()) {
            String s = fresh(rpc, "cdp-profile", "login?user=ada");
            JsonNode info = rpc.call("session.get", Map.of("id", s));
            assertEquals("ws://127.0.0.1:" + Hub.base().getPort() + "/cdp/" + s, info.get("cdpUrl").asText());

            Browser browser = playwright.connect(s, "");
            try {
                BrowserContext context = browser.contexts().get(0);
                assertTrue(context.cookies().stream().anyMatch(c -> c.name.equals("login") && c.value.equals("ada")),
                        "the profile's cookie: " + context.cookies());
                assertEquals("logged in", page(browser, "/login").title());
            } finally {
                browser.close();
            }
        }
    }

    @Test
    void navigatingAndFillingOverCdpIsSeenByJsonRpcAndLogged() throws Exception {
        try (RpcClient rpc = Hub.connect()) {
            String s = fresh(rpc, "cdp-drive", "static.html");
            rpc.call("events.subscribe", Map.of("session", s, "kinds", List.of("command")));
            Browser browser = playwright.connect(s, "?client=my-script");
            try {
                Page page = page(browser, "static.html");
                page.navigate(TestPages.url("form.html"));
                page.fill("#name", "Ada Lovelace");

                assertEquals(TestPages.url("form.html"), location(rpc, s));
                assertEquals("Ada Lovelace", rpc.call("page.evaluate", Map.of("session", s,
                        "function", "() => document.querySelector('#name').value")).get("value").asText());
            } finally {
                browser.close();
            }
            awaitEvent(rpc, "command", e -> e.at("/data/method").asText().equals("cdp.disconnect"));

            List<JsonNode> mine = activity(rpc, s).stream()
                    .filter(e -> e.at("/data/client/name").asText().equals("my-script")).map(e -> e.get("data")).toList();
            List<String> methods = mine.stream().map(d -> d.get("method").asText()).toList();
            assertEquals("cdp.connect", methods.get(0), methods.toString());
            assertEquals("cdp.disconnect", methods.get(methods.size() - 1), methods.toString());
            JsonNode navigation = mine.stream().filter(d -> d.get("method").asText().equals("Page.navigate")).findFirst().orElseThrow();
            assertEquals(TestPages.url("form.html"), navigation.get("url").asText());
            assertEquals("ok", navigation.get("outcome").asText());
            assertEquals("agent", navigation.at("/client/kind").asText());
            JsonNode typed = mine.stream().filter(d -> d.get("method").asText().equals("Input.insertText")).findFirst().orElseThrow();
            assertEquals(1, typed.get("count").asInt());
            assertFalse(typed.toString().contains("Ada Lovelace"), "typed text is never logged: " + typed);
        }
    }

    @Test
    void pagesOpenedAndClosedOverCdpAreTheSessionsTabsAndTheLastOneIsNeverLost() throws Exception {
        try (RpcClient rpc = Hub.connect()) {
            String s = fresh(rpc, "cdp-tabs", "static.html");
            rpc.call("events.subscribe", Map.of("session", s, "kinds", List.of("tab", "page.load")));
            Browser browser = playwright.connect(s, "");
            try {
                Page opened = browser.contexts().get(0).newPage();
                opened.navigate(TestPages.url("second.html"));
                awaitEvent(rpc, "page.load", e -> e.at("/data/url").asText().endsWith("second.html"));
                JsonNode tab = tabWithUrl(rpc, s, "second.html");
                assertEquals("Second page", tab.get("title").asText());

                opened.close();
                awaitEvent(rpc, "tab.closed", e -> e.get("tab").asText().equals(tab.get("id").asText()));
                assertEquals(List.of(TestPages.url("static.html")), urls(rpc, s));

                // the session's only tab, closed over CDP: a blank one takes its place, as with tab.close
                String last = tabWithUrl(rpc, s, "static.html").get("id").asText();
                page(browser, "static.html").close();
                List<JsonNode> seen = new ArrayList<>();
                awaitEvent(rpc, "tab.closed", e -> e.get("tab").asText().equals(last), seen);
                if (seen.stream().noneMatch(n -> n.at("/params/kind").asText().equals("tab.opened"))) {
                    awaitEvent(rpc, "tab.opened", e -> true); // the hub's Playwright reports a new page once it is set up
                }
                assertEquals(List.of("about:blank"), urls(rpc, s));
                assertEquals("running", rpc.call("session.get", Map.of("id", s)).get("state").asText());
            } finally {
                browser.close();
            }
        }
    }

    @Test
    void twoCdpClientsAtOnceBesideJsonRpc() {
        try (RpcClient rpc = Hub.connect()) {
            String s = fresh(rpc, "cdp-two", "static.html");
            Browser browser = playwright.connect(s, "?client=playwright-script");
            try (CdpClient raw = CdpClient.toSession(s, "?client=raw-script")) {
                Page page = page(browser, "static.html");
                String rawPage = raw.attachToPage("static.html");

                page.evaluate("() => window.fromPlaywright = 1");
                assertEquals(1, raw.evaluate(rawPage, "window.fromPlaywright").asInt());
                raw.evaluate(rawPage, "window.fromRaw = 2");
                assertEquals(2, page.evaluate("() => window.fromRaw"));
                rpc.call("page.evaluate", Map.of("session", s, "function", "() => window.fromRpc = 3"));
                assertEquals(3, page.evaluate("() => window.fromRpc"));
                assertEquals(3, raw.evaluate(rawPage, "window.fromRpc").asInt());
            } finally {
                browser.close();
            }
        }
    }

    @Test
    void closingTheBrowserFromACdpClientEndsOnlyItsConnection() throws Exception {
        try (RpcClient rpc = Hub.connect()) {
            String s = fresh(rpc, "cdp-close", "static.html");
            try (CdpClient raw = CdpClient.toSession(s)) {
                assertTrue(raw.call("Browser.close", Map.of()).isEmpty(), "answered like Chromium does, with {}");
                assertEquals(1000, raw.closed().get(30, TimeUnit.SECONDS));
            }
            Browser browser = playwright.connect(s, "");
            browser.close();

            assertEquals("running", rpc.call("session.get", Map.of("id", s)).get("state").asText());
            assertEquals("static", rpc.call("page.title", Map.of("session", s)).get("title").asText());
            Browser again = playwright.connect(s, "");
            try {
                assertEquals("static", page(again, "static.html").title());
            } finally {
                again.close();
            }
        }
    }

    @Test
    void connectingToAStoppedSessionResumesItWithItsTabs() throws Exception {
        try (RpcClient rpc = Hub.connect()) {
            String s = fresh(rpc, "cdp-resume", "second.html");
            try (CdpClient watching = CdpClient.toSession(s)) {
                // The door answers the handshake before its own way into the browser is open; an answer means it is.
                assertTrue(watching.call("Browser.getVersion", Map.of()).has("product"));
                assertEquals("stopped", rpc.call("session.stop", Map.of("id", s)).get("state").asText());
                assertEquals(1001, watching.closed().get(30, TimeUnit.SECONDS), "the browser went away: " + watching.closeReason());
            }

            Browser browser = playwright.connect(s, "");
            try {
                assertEquals("Second page", page(browser, "second.html").title());
                assertEquals("running", rpc.call("session.get", Map.of("id", s)).get("state").asText());
            } finally {
                browser.close();
            }
        }
    }

    /**
     * The page's address as the hub's own connection sees it: asked of the page, since page.url is what the hub's
     * Playwright last heard, and a navigation made over another connection reaches it as an event a moment later.
     */
    static String location(RpcClient rpc, String s) {
        return rpc.call("page.evaluate", Map.of("session", s, "function", "() => location.href")).get("value").asText();
    }

    private static JsonNode tabWithUrl(RpcClient rpc, String s, String urlPart) {
        for (JsonNode tab : rpc.call("tab.list", Map.of("session", s)).get("tabs")) {
            if (tab.get("url").asText().contains(urlPart)) {
                return tab;
            }
        }
        throw new AssertionError("No tab with " + urlPart + ": " + rpc.call("tab.list", Map.of("session", s)));
    }

    private static List<String> urls(RpcClient rpc, String s) {
        List<String> urls = new ArrayList<>();
        rpc.call("tab.list", Map.of("session", s)).get("tabs").forEach(t -> urls.add(t.get("url").asText()));
        return urls;
    }
}
