package io.browserhub.relay;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.backend.DevToolsEndpoint;
import io.browserhub.browser.BrowserExecutable;
import io.browserhub.browser.DevToolsActivePort;
import io.browserhub.browser.LocalBackend;
import io.browserhub.support.CdpClient;
import io.browserhub.support.RpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A person's own Chromium in the relay tests: headless (new headless runs extensions), a profile of its own, and the
 * browserhub extension loaded unpacked from the zip this build carries, as `browserhub extension path` gives it.
 * It has its own Playwright, the person's hands: it opens tabs, clicks the hub's page and the extension's window. What
 * only the extension's service worker can see (its badge, chrome.debugger) is read over the browser's own DevTools
 * port, since Playwright Java does not reach service workers. Playwright objects stay on the test thread.
 */
final class PersonsBrowser implements AutoCloseable {

    private final Playwright playwright;
    final BrowserContext context;
    private final Path profile;
    private final String extensionId = ExtensionPackage.bundled().id();
    private CdpClient devTools;
    private String workerSession;

    private PersonsBrowser(Path dir) {
        Path extension;
        try {
            extension = ExtensionPackage.bundled().unpack(dir.resolve("extension"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        List<String> args = new ArrayList<>(LocalBackend.QUIET_ARGS);
        args.add("--disable-extensions-except=" + extension);
        args.add("--load-extension=" + extension);
        args.add("--remote-debugging-port=0");
        BrowserType.LaunchPersistentContextOptions options = new BrowserType.LaunchPersistentContextOptions()
                .setHeadless(true)
                .setArgs(args)
                .setIgnoreDefaultArgs(List.of("--disable-extensions"))
                .setViewportSize(1280, 800);
        BrowserExecutable.locate(Optional.empty()).ifPresent(options::setExecutablePath);
        profile = dir.resolve("profile");
        context = playwright.chromium().launchPersistentContext(profile, options);
    }

    static PersonsBrowser launch(Path dir) {
        return new PersonsBrowser(dir);
    }

    /**
     * Runs a function in the extension's service worker (where chrome.* is) with one JSON argument; its (awaited)
     * value. The DevTools session on the worker also keeps it from being ended while idle.
     */
    Object inExtension(String function, Object arg) {
        try {
            String expression = "(" + function + ")(" + RpcClient.JSON.writeValueAsString(arg) + ")";
            JsonNode result = worker().call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true, "returnByValue", true),
                    workerSession);
            if (result.has("exceptionDetails")) {
                throw new AssertionError("The extension threw: " + result.get("exceptionDetails"));
            }
            return RpcClient.JSON.treeToValue(result.at("/result/value"), Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CdpClient worker() throws IOException {
        if (devTools == null) {
            DevToolsEndpoint endpoint = Eventually.until("the browser's DevTools port", () -> {
                try {
                    return DevToolsActivePort.read(profile);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Optional::isPresent).orElseThrow();
            devTools = CdpClient.connect(URI.create("ws://" + endpoint.host() + ":" + endpoint.port() + endpoint.browserPath()), Map.of());
            String url = "chrome-extension://" + extensionId + "/background.js";
            JsonNode target = Eventually.until("the extension's service worker", () -> {
                for (JsonNode t : devTools.call("Target.getTargets", Map.of()).get("targetInfos")) {
                    if ("service_worker".equals(t.path("type").asText()) && url.equals(t.path("url").asText())) {
                        return t;
                    }
                }
                return null;
            }, t -> t != null);
            workerSession = devTools.call("Target.attachToTarget", Map.of("targetId", target.get("targetId").asText(), "flatten", true))
                    .get("sessionId").asText();
        }
        return devTools;
    }

    /** A new tab at this URL. */
    Page open(String url) {
        Page page = context.newPage();
        page.navigate(url);
        return page;
    }

    /** Chrome's tab id of a page of this browser. */
    int tabId(Page page) {
        Object id = inExtension("async (url) => (await chrome.tabs.query({})).find(t => t.url === url)?.id ?? -1", page.url());
        int tabId = ((Number) id).intValue();
        if (tabId < 0) {
            throw new AssertionError("No tab at " + page.url());
        }
        return tabId;
    }

    /** What a click on the toolbar button does on this page's tab: "shared", "unshared", "setup" or "refused". */
    String clickToolbarButton(Page page) {
        return (String) inExtension("id => self.browserhub.toolbarClicked(id)", tabId(page));
    }

    /** The badge the toolbar button shows on this page's tab. */
    String badge(Page page) {
        return (String) inExtension("id => chrome.action.getBadgeText({tabId: id})", tabId(page));
    }

    /**
     * Whether the extension's debugger is attached to this page's tab: whether chrome.debugger takes a command for it.
     * (chrome.debugger.getTargets() says "attached" for any client, and this browser's own Playwright is one on every tab.)
     */
    boolean debuggerAttached(Page page) {
        return Boolean.TRUE.equals(inExtension("async id => chrome.debugger.sendCommand({tabId: id}, 'Runtime.evaluate', {expression: '1'})"
                + ".then(() => true, () => false)", tabId(page)));
    }

    /**
     * Pairs this browser with the hub as a person does: opens the hub's /extension page with the sign-in link, clicks
     * Connect this browser, confirms in the extension's window, and waits until the page says it is connected.
     * Returns the hub's page, which stays open.
     */
    Page pair(URI hub, String token, String session) {
        Page page = context.newPage();
        page.navigate(hub.resolve("/extension?token=" + token).toString());
        page.locator("#extension-install-state[data-state=ok]").waitFor();
        page.locator("input[name=session]").fill(session);
        Page confirm = context.waitForPage(new BrowserContext.WaitForPageOptions().setPredicate(p -> p.url().contains("/connect.html")),
                () -> page.locator("#connect-browser").click());
        confirm.locator("#confirm").waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        try {
            confirm.locator("#confirm").click();
        } catch (com.microsoft.playwright.PlaywrightException e) {
            if (!confirm.isClosed()) { // the window closes itself once the pairing is stored
                throw e;
            }
        }
        page.locator("#extension-connect-state[data-state=ok]").waitFor();
        return page;
    }

    @Override
    public void close() {
        if (devTools != null) {
            devTools.close();
        }
        context.close();
        playwright.close();
    }
}
