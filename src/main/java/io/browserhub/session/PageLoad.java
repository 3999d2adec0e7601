package io.browserhub.session;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads URLs in a session's tabs. Playwright reports a failed load as soon as the request fails; Chromium commits its
 * error page a moment later. Left pending, that commit would interrupt the next navigation ("interrupted by another
 * navigation to chrome-error://chromewebdata/") and leave {@link Page#url()} on the previous page meanwhile, so a failed
 * load waits for its error page, briefly. The address that failed is remembered while the tab shows its error page:
 * Chromium's own record of the tab's address lags that commit, and a restart is to try the address again. Actor thread
 * only.
 */
final class PageLoad {

    private static final double ERROR_PAGE_WAIT_MS = 2_000;

    /** By tab: the address of the load whose error page the tab shows, until it commits another document. */
    private final Map<Page, String> failedAddresses = new IdentityHashMap<>();

    /** {@link Page#navigate}, which on a load that failed returns only once the error page is shown (or 2 s passed). */
    Response navigate(Page page, String url, Page.NavigateOptions options) {
        boolean[] errorPage = {false};
        Consumer<Frame> onCommit = frame -> errorPage[0] |= frame.parentFrame() == null && frame.url().startsWith(TabInfo.ERROR_PAGE);
        page.onFrameNavigated(onCommit);
        try {
            return page.navigate(url, options);
        } catch (PlaywrightException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("net::ERR_") && !message.contains("net::ERR_ABORTED")) {
                try {
                    page.waitForCondition(() -> errorPage[0], new Page.WaitForConditionOptions().setTimeout(ERROR_PAGE_WAIT_MS));
                    failedAddresses.put(page, url);
                } catch (PlaywrightException none) {
                    // no error page this time: nothing to wait for, nothing to remember
                }
            }
            throw e;
        } finally {
            page.offFrameNavigated(onCommit);
        }
    }

    /** The tab's main frame committed a document: an address other than the error page ends the failed load's record. */
    void committed(Page page, String url) {
        if (!url.startsWith(TabInfo.ERROR_PAGE)) {
            failedAddresses.remove(page);
        }
    }

    /** The address a load through the hub failed on, while the tab shows that load's error page; null otherwise. */
    String failedAddress(Page page) {
        return failedAddresses.get(page);
    }

    void forget(Page page) {
        failedAddresses.remove(page);
    }
}
