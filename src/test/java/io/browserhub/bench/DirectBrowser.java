package io.browserhub.bench;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.browserhub.browser.LocalBackend;
import com.microsoft.playwright.options.WaitUntilState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * In-process Playwright Java, the floor every browserhub number is compared with: one Playwright (its own
 * driver process) and one Chromium persistent context, launched the way the hub launches its sessions.
 */
final class DirectBrowser implements AutoCloseable {

    /** The hub's own switches, so both launch the same Chromium. */
    static final List<String> ARGS = LocalBackend.QUIET_ARGS;

    final Playwright playwright;
    final BrowserContext context;
    final Page page;

    private DirectBrowser(Playwright playwright, BrowserContext context, Page page) {
        this.playwright = playwright;
        this.context = context;
        this.page = page;
    }

    static Playwright newPlaywright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static BrowserType.LaunchPersistentContextOptions options(Path chromium) {
        return new BrowserType.LaunchPersistentContextOptions()
                .setHeadless(true)
                .setExecutablePath(chromium)
                .setArgs(ARGS)
                .setViewportSize(1280, 720);
    }

    /** Starts a driver and a browser on {@code profile}; returns once the first page exists. */
    static DirectBrowser launch(Path chromium, Path profile) {
        Playwright playwright = newPlaywright();
        try {
            BrowserContext context = playwright.chromium().launchPersistentContext(profile, options(chromium));
            Page page = context.pages().isEmpty() ? context.newPage() : context.pages().get(0);
            return new DirectBrowser(playwright, context, page);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** Opens a URL the way the hub reopens a saved tab. */
    void open(String url) {
        page.navigate(url, new Page.NavigateOptions().setWaitUntil(WaitUntilState.DOMCONTENTLOADED));
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            playwright.close();
        }
    }
}
