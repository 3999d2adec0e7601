package io.browserhub.session;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import java.util.function.Consumer;

/**
 * Loads a URL in a tab. Playwright reports a failed load as soon as the request fails; Chromium commits its error page
 * a moment later. Left pending, that commit would interrupt the next navigation ("interrupted by another navigation to
 * chrome-error://chromewebdata/") and leave {@link Page#url()} on the previous page meanwhile, so a failed load waits
 * for its error page, briefly.
 */
public final class PageLoad {

    private static final double ERROR_PAGE_WAIT_MS = 2_000;

    private PageLoad() {
    }

    /** {@link Page#navigate}, which on a load that failed returns only once the error page is shown (or 2 s passed). */
    public static Response navigate(Page page, String url, Page.NavigateOptions options) {
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
                } catch (PlaywrightException none) {
                    // no error page this time: nothing to wait for
                }
            }
            throw e;
        } finally {
            page.offFrameNavigated(onCommit);
        }
    }
}
