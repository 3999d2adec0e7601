package io.browserhub.cdp;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.browserhub.support.CdpClient;
import io.browserhub.support.Hub;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A second Playwright, in the test, as a user's own script would be: it connects to a session over CDP
 * (connectOverCDP needs no browser of its own). One per test class ({@link Scenario}); Playwright objects stay on
 * the test thread.
 */
final class CdpPlaywright implements AutoCloseable {

    /** What the CDP test classes share: their own Playwright for the class's tests. */
    abstract static class Scenario {

        static CdpPlaywright playwright;

        @BeforeAll
        static void startPlaywright() {
            playwright = new CdpPlaywright();
        }

        @AfterAll
        static void stopPlaywright() {
            playwright.close();
        }
    }

    private final Playwright playwright = Playwright.create(new Playwright.CreateOptions()
            .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));

    /** connectOverCDP to ws://hub/cdp/{session}{query} with the token as a header. */
    Browser connect(String session, String query) {
        return playwright.chromium().connectOverCDP(CdpClient.webSocketUrl(session, query).toString(),
                new BrowserType.ConnectOverCDPOptions().setHeaders(Map.of("Authorization", "Bearer " + Hub.TOKEN)));
    }

    /** connectOverCDP as given, e.g. an http:// URL or no headers. */
    Browser connect(String url, BrowserType.ConnectOverCDPOptions options) {
        return playwright.chromium().connectOverCDP(url, options);
    }

    /** The page of the session's default context whose URL contains {@code urlPart}. */
    static Page page(Browser browser, String urlPart) {
        return browser.contexts().get(0).pages().stream().filter(p -> p.url().contains(urlPart)).findFirst()
                .orElseThrow(() -> new AssertionError("No page with " + urlPart + " among "
                        + browser.contexts().get(0).pages().stream().map(Page::url).toList()));
    }

    @Override
    public void close() {
        playwright.close();
    }
}
