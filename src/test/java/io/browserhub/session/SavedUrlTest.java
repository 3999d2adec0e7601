package io.browserhub.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a restart reopens in a tab, from what Playwright, the hub and Chromium's browser process say of its address. */
class SavedUrlTest {

    private static final String ERROR_PAGE = "chrome-error://chromewebdata/";

    @Test
    void aPageIsReopenedAtItsAddress() {
        assertEquals("https://example.com/a", SessionBrowser.savedUrl("https://example.com/a", null, "https://example.com/a"));
        assertEquals("about:blank", SessionBrowser.savedUrl("about:blank", null, null));
    }

    @Test
    void anErrorPageIsReopenedAtTheAddressThatFailed() {
        // a link the page followed: only the browser process knows the address
        assertEquals("http://down.test/", SessionBrowser.savedUrl(ERROR_PAGE, null, "http://down.test/"));
        // a load through the hub: it knows the address itself
        assertEquals("http://down.test/", SessionBrowser.savedUrl(ERROR_PAGE, "http://down.test/", "http://down.test/"));
    }

    /**
     * Just after the error page commits, the browser process may still name the page before it: a session stopped in
     * that moment came back blank instead of trying the address again (seen once in CI, 14 ms after page.goto answered).
     */
    @Test
    void theAddressALoadThroughTheHubFailedOnOutranksTheBrowsersLaggingRecord() {
        assertEquals("http://down.test/", SessionBrowser.savedUrl(ERROR_PAGE, "http://down.test/", "about:blank"));
        assertEquals("http://down.test/new", SessionBrowser.savedUrl(ERROR_PAGE, "http://down.test/new", "http://down.test/old"));
    }

    @Test
    void anErrorPageWithNoKnownAddressStaysWhatItIs() {
        assertEquals(ERROR_PAGE, SessionBrowser.savedUrl(ERROR_PAGE, null, null));
        assertEquals(ERROR_PAGE, SessionBrowser.savedUrl(ERROR_PAGE, null, ERROR_PAGE));
    }
}
