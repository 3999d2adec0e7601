package io.browserhub.cdp;

import java.util.Map;

/**
 * What the door does with a DevTools method before, or instead of, passing it to Chromium. Everything not
 * named here passes untouched (docs/cdp.md, "What the door changes"). The session's browser is shared with the
 * hub's own Playwright connection and other clients, so a CDP client may drive it, but not end it, not take the
 * hub's tabs or downloads away, and not drive while another client holds control.
 */
enum CdpRule {
    /** Passed on as is. */
    PASS,
    /** Page.navigate, reload, navigateToHistoryEntry: subject to the control lease; in the activity log. */
    NAVIGATE,
    /** Input.*: subject to the control lease; in the activity log, a burst of them as one entry. */
    INPUT,
    /** Target.createTarget: a new tab of the session; in the activity log. */
    OPEN_TAB,
    /** Target.closeTarget, Page.close: when it is the session's last tab, a blank one opens first; in the activity log. */
    CLOSE_TAB,
    /** Target.createBrowserContext: remembered as this connection's own. */
    CREATE_CONTEXT,
    /** Target.disposeBrowserContext: only of a context this connection created. */
    DISPOSE_CONTEXT,
    /** Browser.setDownloadBehavior: applied to this connection's own contexts; elsewhere acknowledged, not applied. */
    DOWNLOADS,
    /** Page.setDownloadBehavior (deprecated, page-wide): acknowledged, not applied. */
    PAGE_DOWNLOADS,
    /** Browser.close: answered, then this connection closes; the browser keeps running. */
    CLOSE_CONNECTION,
    /** Browser.crash, Browser.crashGpuProcess: refused. */
    REFUSE;

    private static final Map<String, CdpRule> METHODS = Map.ofEntries(
            Map.entry("Page.navigate", NAVIGATE),
            Map.entry("Page.reload", NAVIGATE),
            Map.entry("Page.navigateToHistoryEntry", NAVIGATE),
            Map.entry("Target.createTarget", OPEN_TAB),
            Map.entry("Target.closeTarget", CLOSE_TAB),
            Map.entry("Page.close", CLOSE_TAB),
            Map.entry("Target.createBrowserContext", CREATE_CONTEXT),
            Map.entry("Target.disposeBrowserContext", DISPOSE_CONTEXT),
            Map.entry("Browser.setDownloadBehavior", DOWNLOADS),
            Map.entry("Page.setDownloadBehavior", PAGE_DOWNLOADS),
            Map.entry("Browser.close", CLOSE_CONNECTION),
            Map.entry("Browser.crash", REFUSE),
            Map.entry("Browser.crashGpuProcess", REFUSE));

    static CdpRule of(String method) {
        if (method.startsWith("Input.")) {
            return INPUT;
        }
        return METHODS.getOrDefault(method, PASS);
    }

    /** Whether a method drives the page, and so waits for (or is refused by) another client's control lease. */
    boolean drives() {
        return this == NAVIGATE || this == INPUT;
    }
}
