package io.browserhub.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running session as its commands see it, on the actor thread: tabs, pages, dialogs. Never hand it,
 * or anything it returns, to another thread.
 */
public final class LiveSession {

    private final String id;
    private final SessionPaths paths;
    private final SessionBrowser browser;
    private final Tabs tabs;
    private boolean tracing;

    LiveSession(String id, SessionPaths paths, SessionBrowser browser) {
        this.id = id;
        this.paths = paths;
        this.browser = browser;
        this.tabs = browser.tabRegistry();
    }

    public String id() {
        return id;
    }

    /** The page of a tab; null means the active tab. TAB_NOT_FOUND otherwise. */
    public Page page(String tab) {
        return tabs.page(tab);
    }

    public String tabId(Page page) {
        return tabs.idOf(page);
    }

    /**
     * Evaluates an expression in the page's main frame through the hub's own DevTools connection, beside Playwright:
     * the DevTools answer ({@code {result: {type, value}}}, its promise awaited, by value). Empty when the page cannot be reached
     * that way or has no document yet: nothing ran, take Playwright's way.
     */
    public Optional<JsonNode> evaluateDirectly(Page page, String expression) {
        return browser.evaluateDirectly(page, expression);
    }

    /**
     * Loads a URL in the tab. On a load that fails it returns once the browser's error page is shown, and a restart
     * tries that address again.
     */
    public Response navigate(Page page, String url, Page.NavigateOptions options) {
        return browser.navigate(page, url, options);
    }

    public TabInfo describe(String tab) {
        Page page = tabs.page(tab);
        String tabId = tabs.idOf(page);
        String title = browser.titles(List.of(page)).getOrDefault(page, "");
        return new TabInfo(tabId, page.url(), title, tabId.equals(tabs.active()));
    }

    public List<TabInfo> tabs() {
        String active = tabs.active();
        Map<String, Page> open = tabs.all();
        Map<Page, String> titles = browser.titles(open.values());
        List<TabInfo> out = new ArrayList<>();
        for (Map.Entry<String, Page> tab : open.entrySet()) {
            String title = titles.get(tab.getValue());
            if (title != null) { // else closed while we listed: it is gone, leave it out
                out.add(new TabInfo(tab.getKey(), tab.getValue().url(), title, tab.getKey().equals(active)));
            }
        }
        return out;
    }

    public TabInfo newTab() {
        Page page = browser.context().newPage();
        String tab = browser.adopt(page);
        tabs.activate(tab);
        page.bringToFront();
        return describe(tab);
    }

    public TabInfo activate(String tab) {
        Page page = tabs.page(tab);
        tabs.activate(tab);
        page.bringToFront();
        browser.tabsChanged();
        return describe(tab);
    }

    public void close(String tab) {
        Page page = tabs.page(tab);
        page.close();
        tabs.remove(page);
        browser.tabsChanged();
        if (tabs.isEmpty()) {
            // a session always has a tab to drive: closing the last one leaves a blank one
            browser.adopt(browser.context().newPage());
        }
    }

    /** Call after a command that may have changed URLs or titles without a navigation event. */
    public void touched() {
        browser.titlesMayHaveChanged();
    }

    public Dialogs.Handled answerDialog(Dialogs.Answer answer) {
        return browser.dialogs().answer(answer);
    }

    public Dialogs dialogs() {
        return browser.dialogs();
    }

    public BrowserContext context() {
        return browser.context();
    }

    /** The session's files: screenshots, traces, downloads. */
    public SessionPaths paths() {
        return paths;
    }

    /**
     * Streams the tab (null: the active tab, following it as it changes) to the listener until
     * {@link #stopScreencast(String)}, or until the browser stops, which the listener hears as ended().
     * Each tab has its own screencast, and so has the active-tab one.
     */
    public void startScreencast(String tab, ScreencastSettings settings, FrameListener listener) {
        Page page = tabs.page(tab);
        browser.screencasts().start(page, tabs.idOf(page), tab, settings, listener);
    }

    /** Stops the screencast of that tab (null: the one following the active tab). */
    public void stopScreencast(String tab) {
        browser.screencasts().stop(tab);
    }

    /** Whether a Playwright trace is recording (it ends with the browser). */
    public boolean tracing() {
        return tracing;
    }

    public void tracing(boolean on) {
        tracing = on;
    }

    /** Attaches an add-on to this browser and to every later browser of the session, until {@link #detach}. */
    public void attach(BrowserAddOn addOn) {
        browser.addOns().add(addOn, this);
    }

    /** Detaches an add-on; false when it was not attached. */
    public boolean detach(BrowserAddOn addOn) {
        return browser.addOns().remove(addOn, this);
    }

    /** The session's attached add-on of this type, if any. */
    public <T extends BrowserAddOn> Optional<T> addOn(Class<T> type) {
        return browser.addOns().find(type);
    }

    /** Called by every driving command as it runs: the add-ons hear of it (nothing happens while there are none). */
    public void drove(String method) {
        browser.addOns().drove(this, method);
    }
}
