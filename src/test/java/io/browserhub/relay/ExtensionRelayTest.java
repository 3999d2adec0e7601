package io.browserhub.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.browserhub.support.CdpClient;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.SharedSessions;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's own Chromium, with the browserhub extension, paired with the hub through its /extension page, and driven
 * as the session "my-browser" by agents on JSON-RPC and CDP, beside the person and under the same control leases.
 */
@QuarkusTest
class ExtensionRelayTest {

    static final String SESSION = "my-browser";

    @TempDir
    static Path tmp;
    static PersonsBrowser person;
    /** The hub's /extension page, open in the person's browser since the pairing. */
    static Page hubPage;
    static RpcClient agent;

    /** Tabs a test opened in the person's browser: closed after it, so that each test shares only its own. */
    private final List<Page> opened = new ArrayList<>();

    @BeforeAll
    static void pairThroughTheHubsPage() {
        person = PersonsBrowser.launch(tmp.resolve("person"));
        hubPage = person.pair(Hub.base(), Hub.TOKEN, SESSION);
        agent = Hub.connect();
    }

    @AfterAll
    static void closeTheBrowser() {
        agent.close();
        person.close();
    }

    @AfterEach
    void closeTheTestsTabs() {
        person.inExtension("() => self.browserhub.sharing.unshareAll()", null);
        opened.forEach(Page::close);
        Eventually.until("no shared tab left", () -> tabs(), List::isEmpty);
    }

    @Test
    void pairingMakesTheBrowserASessionWithACredentialOfItsOwn() throws Exception {
        JsonNode browser = Eventually.until("the browser connected in extension.status", () -> agent.call("extension.status").path("browsers"),
                b -> b.size() > 0 && b.get(0).path("connected").asBoolean());
        assertEquals(SESSION, browser.get(0).path("session").asText());
        assertTrue(browser.get(0).path("browser").asText().contains("Chrome/"), browser.toString());
        assertEquals("extension", agent.call("session.get", Map.of("id", SESSION)).path("driver").asText());
        SharedSessions.fresh(agent, "relay-local", null);
        assertEquals("local", agent.call("session.get", Map.of("id", "relay-local")).path("driver").asText());

        @SuppressWarnings("unchecked")
        Map<String, Object> pairing = (Map<String, Object>) person.inExtension("async () => (await chrome.storage.local.get('pairing')).pairing", null);
        String credential = (String) pairing.get("credential");
        assertTrue(credential.startsWith("bhx_"), "a credential of the extension's own: " + credential);
        assertNotEquals(Hub.TOKEN, credential, "never the hub's token");
        assertEquals(Hub.base().toString(), pairing.get("hub") + "/");
        Path pairings = Path.of(ConfigProvider.getConfig().getValue("browserhub.data-dir", String.class), "extension", "pairings.json");
        String kept = Files.readString(pairings);
        assertTrue(kept.contains("\"" + SESSION + "\""), kept);
        assertFalse(kept.contains(credential), "the hub keeps a digest of the credential, not the credential: " + kept);
        agent.call("session.delete", Map.of("id", "relay-local"));
    }

    @Test
    void shareAllTabsOnThePageSharesEveryTabButTheHubsOwn() {
        Page first = open("static.html");
        Page second = open("second.html");
        hubPage.locator("#share-all").click();
        List<String> urls = Eventually.until("both tabs in tab.list", ExtensionRelayTest::tabs,
                u -> u.contains(first.url()) && u.contains(second.url()));
        assertTrue(urls.stream().noneMatch(u -> u.startsWith(Hub.base().toString())), "the hub's own page is never shared: " + urls);
        assertEquals("ON", person.badge(first));
        assertEquals("", person.badge(hubPage));
        // every tab of the window but the hub's page: the browser's first, blank tab too
        int shared = ((Number) person.inExtension("() => self.browserhub.sharing.tabs.size", null)).intValue();
        assertEquals(person.context.pages().size() - 1, shared);
        hubPage.locator("#extension-share-state").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText(shared + " tabs are shared")).waitFor();

        hubPage.locator("#unshare-all").click();
        Eventually.until("no shared tab", ExtensionRelayTest::tabs, List::isEmpty);
        assertFalse(first.isClosed() || second.isClosed(), "unsharing leaves the tabs open");
        assertEquals("", person.badge(first));
    }

    @Test
    void theToolbarButtonSharesAndUnsharesTheCurrentTab() {
        Page page = open("static.html");
        assertEquals("", person.badge(page));
        assertEquals("shared", person.clickToolbarButton(page));
        assertEquals("ON", person.badge(page));
        Eventually.until("the tab in tab.list", ExtensionRelayTest::tabs, u -> u.contains(page.url()));

        assertEquals("unshared", person.clickToolbarButton(page));
        assertEquals("", person.badge(page));
        Eventually.until("the tab gone from tab.list", ExtensionRelayTest::tabs, u -> !u.contains(page.url()));
        assertFalse(page.isClosed());
        assertFalse(person.debuggerAttached(page), "an unshared tab is not debugged");
    }

    @Test
    void jsonRpcFillsAFormInThePersonsTab() {
        Page form = share("form.html");
        String tab = tabId(form.url());
        agent.call("page.fill", Map.of("session", SESSION, "tab", tab, "selector", "#name", "value", "Ada Lovelace"));
        agent.call("page.fill", Map.of("session", SESSION, "tab", tab, "selector", "#email", "value", "ada@example.org"));
        agent.call("page.check", Map.of("session", SESSION, "tab", tab, "selector", "#terms"));
        assertEquals("Ada Lovelace", form.inputValue("#name"), "the person sees the agent's typing in their own tab");
        agent.call("page.click", Map.of("session", SESSION, "tab", tab, "selector", "#submit"));
        form.waitForURL("**/submitted.html?**");
        assertTrue(form.url().contains("name=Ada+Lovelace") && form.url().contains("terms=on"), form.url());
        assertEquals(form.url(), agent.call("page.url", Map.of("session", SESSION, "tab", tab)).path("url").asText());
    }

    @Test
    void aCdpClientAttachesThroughTheHub() {
        Page page = share("static.html");
        try (Playwright mine = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            Browser browser = mine.chromium().connectOverCDP(CdpClient.webSocketUrl(SESSION, "?client=my-script").toString(),
                    new BrowserType.ConnectOverCDPOptions().setHeaders(Map.of("Authorization", "Bearer " + Hub.TOKEN)));
            Page seen = browser.contexts().get(0).pages().stream().filter(p -> p.url().equals(page.url())).findFirst()
                    .orElseThrow(() -> new AssertionError("the shared tab among " + browser.contexts().get(0).pages()));
            assertEquals("static", seen.title());
            seen.evaluate("() => document.body.dataset.from = 'cdp'");
            assertEquals("cdp", page.evaluate("() => document.body.dataset.from"), "the person's tab itself changed");
            assertEquals("cdp", agent.call("page.evaluate", Map.of("session", SESSION, "tab", tabId(page.url()),
                    "function", "() => document.body.dataset.from")).path("value").asText(), "and the hub's own connection sees it");
            browser.close();
        }
        assertEquals("running", agent.call("session.get", Map.of("id", SESSION)).path("state").asText(),
                "a CDP client leaving ends neither the session nor the person's browser");
        assertFalse(page.isClosed());
    }

    @Test
    void aHumansLeaseBlocksAnAgent() {
        Page form = share("form.html");
        String tab = tabId(form.url());
        try (RpcClient human = SharedSessions.client("alice", "human"); RpcClient bot = SharedSessions.client("bot", "agent")) {
            human.call("control.acquire", Map.of("session", SESSION));
            RpcError refused = assertThrows(RpcError.class,
                    () -> bot.call("page.fill", Map.of("session", SESSION, "tab", tab, "selector", "#name", "value", "bot")));
            assertEquals("CONTROL_HELD", refused.kind());
            assertEquals("alice", refused.data().path("holder").path("name").asText());
            assertEquals("", form.inputValue("#name"), "nothing reached the person's tab");
            assertEquals("Sign up", bot.call("page.title", Map.of("session", SESSION, "tab", tab)).path("title").asText(),
                    "reading stays open to everyone");
            human.call("control.release", Map.of("session", SESSION));
            bot.call("page.fill", Map.of("session", SESSION, "tab", tab, "selector", "#name", "value", "bot"));
            assertEquals("bot", form.inputValue("#name"));
        }
    }

    @Test
    void stoppingTheSessionDetachesAndLeavesTheTabsOpen() {
        Page page = share("second.html");
        assertTrue(person.debuggerAttached(page));
        int before = person.context.pages().size();

        JsonNode stopped = agent.call("session.stop", Map.of("id", SESSION));
        assertEquals("stopped", stopped.path("state").asText());
        assertFalse(page.isClosed(), "the person's tab stays open");
        assertEquals(before, person.context.pages().size());
        assertTrue(page.url().endsWith("/second.html"));
        assertFalse(person.debuggerAttached(page), "the hub let go of the tab");
        assertEquals("ON", person.badge(page), "it is still shared: the next command attaches again");

        assertEquals("Second page", agent.call("page.title", Map.of("session", SESSION, "tab", tabId(page.url()))).path("title").asText());
        assertTrue(person.debuggerAttached(page));
    }

    @Test
    void theScreencastStreamsThePersonsTab() throws Exception {
        share("animation.html");
        try (RpcClient viewer = Hub.connect()) {
            viewer.call("screencast.start", Map.of("session", SESSION, "maxWidth", 640, "maxHeight", 400));
            RpcClient.BinaryFrame frame = viewer.nextFrame(Duration.ofSeconds(30));
            assertTrue(frame != null && frame.imageBytes() > 0, "a frame of the person's tab");
            assertEquals(SESSION, frame.header().path("session").asText());
            viewer.call("screencast.stop", Map.of("session", SESSION));
        }
    }

    @Test
    void deletingTheSessionLeavesTheTabsOpenToo() {
        try (PersonsBrowser other = PersonsBrowser.launch(tmp.resolve("other"))) {
            other.pair(Hub.base(), Hub.TOKEN, "throwaway");
            Page page = other.open(TestPages.url("static.html"));
            assertEquals("shared", other.clickToolbarButton(page));
            Eventually.until("the tab in throwaway", () -> agent.call("tab.list", Map.of("session", "throwaway")).path("tabs").size(), n -> n == 1);
            assertTrue(other.debuggerAttached(page));

            agent.call("session.delete", Map.of("id", "throwaway"));
            assertFalse(page.isClosed());
            Eventually.until("the debugger gone", () -> other.debuggerAttached(page), attached -> !attached);
            agent.call("extension.revoke", Map.of("id", "throwaway"));
        }
    }

    /**
     * The README's three pictures, of what this test does: the pairing page with the browser connected and two tabs
     * shared, the person's browser as a session in the dashboard while an agent fills a form in it, and the toolbar
     * button on a shared tab. Headless Chromium draws no toolbar, so that picture is a strip drawn from the extension's
     * real state: its icon, and the badge text, colour and title that chrome.action holds for the tab.
     */
    @Test
    void screenshotsForTheReadme() throws Exception {
        Page form = share("form.html");
        Page second = open("second.html");
        Eventually.until("the next tab shared by itself (the option is on)", ExtensionRelayTest::tabs, u -> u.contains(second.url()));
        agent.call("page.fill", Map.of("session", SESSION, "tab", tabId(form.url()), "selector", "#name", "value", "Ada Lovelace"));
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));

        hubPage.reload(); // without the notices of the tests before
        hubPage.locator("#extension-share-state").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("2 tabs are shared")).waitFor();
        hubPage.locator("tr[data-session='" + SESSION + "'] .shared-tabs li").nth(1).waitFor();
        hubPage.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("extension-pairing.png")).setFullPage(true));

        Page dashboard = open(Hub.base().resolve("/#/s/" + SESSION).toString());
        dashboard.locator(".driver-tag").waitFor();
        dashboard.waitForFunction("() => { const c = document.querySelector('canvas.screen'); return c && c.dataset.frames; }", null,
                new Page.WaitForFunctionOptions().setTimeout(30_000));
        dashboard.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("extension-dashboard.png")));

        @SuppressWarnings("unchecked")
        Map<String, Object> action = (Map<String, Object>) person.inExtension("async id => ({text: await chrome.action.getBadgeText({tabId: id}),"
                + " color: await chrome.action.getBadgeBackgroundColor({tabId: id}), title: await chrome.action.getTitle({tabId: id})})",
                person.tabId(form));
        assertEquals("ON", action.get("text"));
        assertTrue(((String) action.get("title")).startsWith("browserhub: this tab is shared with"), action.toString());
        @SuppressWarnings("unchecked")
        List<Number> rgba = (List<Number>) action.get("color");
        String icon = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of("extension", "icons", "icon32.png")));
        Page strip = open("about:blank");
        strip.setViewportSize(640, 120);
        strip.setContent("""
                <style>
                  body { margin: 0; font: 13px system-ui, sans-serif; background: #fff; }
                  .bar { display: flex; align-items: center; gap: 10px; padding: 8px 12px; background: #dee1e6; }
                  .address { flex: 1; background: #fff; border-radius: 14px; padding: 6px 12px; color: #202124; overflow: hidden; white-space: nowrap; }
                  .button { position: relative; width: 28px; height: 28px; border-radius: 50%%; background: #c8cbd0; display: grid; place-items: center; }
                  .button img { width: 18px; height: 18px; }
                  .badge { position: absolute; right: -6px; bottom: -3px; padding: 0 3px; border-radius: 3px; font: bold 9px system-ui, sans-serif; color: #fff; background: rgb(%d, %d, %d); }
                  .tooltip { position: absolute; right: 12px; top: 52px; background: #3c4043; color: #fff; padding: 5px 8px; border-radius: 4px; max-width: 560px; }
                </style>
                <div class="bar"><div class="address">%s</div><div class="button"><img src="data:image/png;base64,%s" alt=""><span class="badge">%s</span></div></div>
                <div class="tooltip">%s</div>""".formatted(rgba.get(0).intValue(), rgba.get(1).intValue(), rgba.get(2).intValue(),
                form.url(), icon, action.get("text"), action.get("title")));
        strip.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("extension-toolbar.png")));
    }

    // ---- helpers ----

    /** Opens a test page in the person's browser (closed after the test). */
    private Page open(String page) {
        Page p = person.open(TestPages.url(page));
        opened.add(p);
        return p;
    }

    /** Opens a test page and shares it with the toolbar button; returns once the session has it as a tab. */
    private Page share(String page) {
        Page p = open(page);
        assertEquals("shared", person.clickToolbarButton(p));
        Eventually.until(page + " in tab.list", ExtensionRelayTest::tabs, u -> u.contains(p.url()));
        return p;
    }

    /** The URLs of the session's tabs (starting it when stopped). */
    static List<String> tabs() {
        List<String> urls = new ArrayList<>();
        agent.call("tab.list", Map.of("session", SESSION)).path("tabs").forEach(t -> urls.add(t.path("url").asText()));
        return urls;
    }

    private static String tabId(String url) {
        for (JsonNode t : agent.call("tab.list", Map.of("session", SESSION)).path("tabs")) {
            if (t.path("url").asText().equals(url)) {
                return t.path("id").asText();
            }
        }
        throw new AssertionError("No tab at " + url);
    }
}
