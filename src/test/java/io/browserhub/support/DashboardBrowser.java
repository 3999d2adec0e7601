package io.browserhub.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.browserhub.browser.LocalBackend;
import io.browserhub.browser.BrowserExecutable;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A person's browser for dashboard tests: its own Playwright and Chromium (the installed one, no download), with
 * the switches a closed network needs. Each {@link Person} is a fresh profile that signs in with the printed link
 * and records what would show up as problems: console errors, page errors, requests leaving the hub's origin.
 */
public final class DashboardBrowser implements AutoCloseable {


    private final Playwright playwright;
    private final Browser browser;

    private DashboardBrowser() {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(LocalBackend.QUIET_ARGS);
        BrowserExecutable.locate(Optional.empty()).ifPresent(options::setExecutablePath);
        browser = playwright.chromium().launch(options);
    }

    public static DashboardBrowser launch() {
        return new DashboardBrowser();
    }

    /** A new person at a window of this size, signed in through the token link and looking at the dashboard. */
    public Person signIn(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height).setAcceptDownloads(true));
        String origin = Person.origin(Hub.base());
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"), new BrowserContext.GrantPermissionsOptions().setOrigin(origin));
        Person person = new Person(context, context.newPage());
        person.page.navigate(Hub.base() + "?token=" + Hub.TOKEN);
        return person;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }

    /** One signed-in dashboard page and what went wrong on it. */
    public static final class Person implements AutoCloseable {
        public final Page page;
        private final BrowserContext context;
        private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

        Person(BrowserContext context, Page page) {
            this.context = context;
            this.page = page;
            // error toasts are how the dashboard reports failures to people; a test that expects none sees them all
            page.addInitScript("""
                    window.__errorToasts = [];
                    new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(n => {
                      if (n.classList && n.classList.contains('toast-error')) window.__errorToasts.push(n.textContent);
                    }))).observe(document, { childList: true, subtree: true });""");
            String origin = origin(Hub.base());
            page.onConsoleMessage(m -> {
                if (m.type().equals("error")) {
                    problems.add("console error: " + m.text() + " at " + m.location());
                }
            });
            page.onPageError(e -> problems.add("uncaught: " + e));
            page.onRequest(r -> {
                String url = r.url();
                if (!url.startsWith(origin + "/") && !url.startsWith("blob:") && !url.startsWith("data:")) {
                    problems.add("request outside the hub: " + url);
                }
            });
        }

        /** Console errors, uncaught exceptions, requests that left the hub, and error toasts shown to the person. */
        public List<String> problems() {
            List<String> all;
            synchronized (problems) {
                all = new ArrayList<>(problems);
            }
            Object toasts = page.evaluate("() => window.__errorToasts || []");
            if (toasts instanceof List<?> shown) {
                shown.forEach(t -> all.add("error toast: " + t));
            }
            return all;
        }

        @Override
        public void close() {
            context.close();
        }

        private static String origin(URI base) {
            return base.getScheme() + "://" + base.getAuthority();
        }
    }
}
