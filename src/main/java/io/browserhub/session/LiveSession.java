package io.browserhub.session;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A running session as its commands see it, on the actor thread: tabs, pages, dialogs. Never hand it,
 * or anything it returns, to another thread.
 */
public final class LiveSession {

    private final String id;
    private final Tabs tabs;
    private final Dialogs dialogs;
    private final BrowserContext context;
    private final SessionActor actor;
    private final SessionPaths paths;
    private boolean tracing;

    private final Screencasts screencasts;

    LiveSession(String id, SessionPaths paths, Tabs tabs, Dialogs dialogs, Screencasts screencasts, BrowserContext context,
                SessionActor actor) {
        this.id = id;
        this.screencasts = screencasts;
        this.paths = paths;
        this.tabs = tabs;
        this.dialogs = dialogs;
        this.context = context;
        this.actor = actor;
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

    public TabInfo describe(String tab) {
        Page page = tabs.page(tab);
        String id = tabs.idOf(page);
        return new TabInfo(id, page.url(), page.title(), id.equals(tabs.active()));
    }

    public List<TabInfo> tabs() {
        String active = tabs.active();
        List<TabInfo> out = new ArrayList<>();
        for (Map.Entry<String, Page> tab : tabs.all().entrySet()) {
            Page page = tab.getValue();
            try {
                out.add(new TabInfo(tab.getKey(), page.url(), page.title(), tab.getKey().equals(active)));
            } catch (PlaywrightException e) {
                if (!page.isClosed()) {
                    throw e;
                }
                // closed while we listed: it is gone, leave it out
            }
        }
        return out;
    }

    public TabInfo newTab() {
        Page page = context.newPage();
        String tab = actor.adopt(page);
        tabs.activate(tab);
        page.bringToFront();
        return describe(tab);
    }

    public TabInfo activate(String tab) {
        Page page = tabs.page(tab);
        tabs.activate(tab);
        page.bringToFront();
        actor.tabsChanged();
        return describe(tab);
    }

    public void close(String tab) {
        Page page = tabs.page(tab);
        page.close();
        tabs.remove(page);
        actor.tabsChanged();
        if (tabs.isEmpty()) {
            // a session always has a tab to drive: closing the last one leaves a blank one
            actor.adopt(context.newPage());
        }
    }

    /** Call after a command that may have changed URLs or titles without a navigation event. */
    public void touched() {
        actor.titlesMayHaveChanged();
    }

    public Map<String, Object> answerDialog(Dialogs.Answer answer) {
        return dialogs.answer(answer);
    }

    public Dialogs dialogs() {
        return dialogs;
    }

    public BrowserContext context() {
        return context;
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
        screencasts.start(page, tabs.idOf(page), tab, settings, listener);
    }

    /** Stops the screencast of that tab (null: the one following the active tab). */
    public void stopScreencast(String tab) {
        screencasts.stop(tab);
    }

    /** Whether a Playwright trace is recording (it ends with the browser). */
    public boolean tracing() {
        return tracing;
    }

    public void tracing(boolean on) {
        tracing = on;
    }
}
