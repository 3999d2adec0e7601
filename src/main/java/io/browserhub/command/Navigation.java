package io.browserhub.command;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.WaitUntilState;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.files.FileRoots;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loading URLs: which ones are allowed, and how long to wait for them. */
final class Navigation {

    static final List<String> WAIT_UNTIL = List.of("load", "domcontentloaded", "networkidle", "commit");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final double ERROR_PAGE_WAIT_MS = 2_000;
    private static final List<String> SCHEMES = List.of("http", "https", "about", "data", "file");

    private Navigation() {
    }

    static Response go(Page page, String url, FileRoots roots, String waitUntil, double timeoutMs) {
        checkUrl(url, roots);
        // Playwright reports a failed load as soon as the request fails; Chromium commits its error page a moment
        // later. Left pending, that commit interrupts the agent's next page.goto ("interrupted by another navigation
        // to chrome-error://chromewebdata/"), so a failed load waits for its error page, briefly.
        boolean[] errorPage = {false};
        Consumer<Frame> onCommit = frame -> errorPage[0] |= frame.parentFrame() == null && frame.url().startsWith("chrome-error://");
        page.onFrameNavigated(onCommit);
        try {
            return page.navigate(url, new Page.NavigateOptions().setWaitUntil(waitUntil(waitUntil)).setTimeout(timeoutMs));
        } catch (PlaywrightException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("net::ERR_") && !message.contains("net::ERR_ABORTED")) {
                try {
                    page.waitForCondition(() -> errorPage[0], new Page.WaitForConditionOptions().setTimeout(ERROR_PAGE_WAIT_MS));
                } catch (PlaywrightException none) {
                    // no error page this time: nothing to wait for
                }
            }
            throw e;
        } finally {
            page.offFrameNavigated(onCommit);
        }
    }

    static WaitUntilState waitUntil(String value) {
        return WaitUntilState.valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Refuses URLs of other schemes, and file: URLs outside the roots pages may read (docs/security.md). */
    static void checkUrl(String url, FileRoots roots) {
        Matcher m = SCHEME.matcher(url);
        String scheme = m.find() ? m.group(1) : null;
        if (scheme == null) {
            throw new HubException(ErrorCode.NAVIGATION_FAILED, "\"" + url + "\" has no scheme; write it in full, e.g. https://" + url + ".",
                    Map.of("url", url));
        }
        if (!SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
            throw new HubException(ErrorCode.NAVIGATION_FAILED, "URL scheme \"" + scheme + ":\" is not allowed; use one of " + SCHEMES + ".",
                    Map.of("url", url));
        }
        if (scheme.equalsIgnoreCase("file")) {
            roots.checkFileUrl(url);
        }
    }
}
