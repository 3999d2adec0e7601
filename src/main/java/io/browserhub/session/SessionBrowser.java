package io.browserhub.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.WaitUntilState;
import io.browserhub.backend.RunningBrowser;
import io.browserhub.browser.PlaywrightMessage;
import io.browserhub.session.event.Loaded;
import io.browserhub.session.event.Navigated;
import io.browserhub.session.event.TabClosed;
import io.browserhub.session.event.TabOpened;
import io.browserhub.session.event.TabRestoreSkipped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import io.browserhub.observability.LogText;
import org.jboss.logging.Logger;

/**
 * A session's started browser, wired up: its tabs with stable ids, their page events, dialogs and screencasts, and the
 * remembered tab list kept current. What the actor runs commands against. Actor thread only, except {@link #tabs()}.
 */
final class SessionBrowser {

    private static final Logger LOG = Logger.getLogger(SessionBrowser.class);
    private static final long TITLE_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final String sessionId;
    private final RunningBrowser browser;
    private final SessionEvents events;
    /** Hears the tab list whenever it changes: what session.json remembers, and what clients see. */
    private final BiConsumer<List<SavedTab>, List<TabInfo>> tabsChanged;
    private final Tabs tabs = new Tabs();
    private final TabTitles titles;
    private final Dialogs dialogs;
    private final Screencasts screencasts;
    private final PageEvents pageEvents;
    private final LiveSession live;
    private final AddOns addOns;
    private final PageLanes lanes;
    private final PageLoad loads = new PageLoad();
    private volatile List<TabInfo> tabSnapshot = List.of();
    /** What was last kept for a restart: it can change alone (an error page for another address that failed). */
    private List<SavedTab> savedSnapshot = List.of();
    /** By DevTools target id: the tab id, for doors that speak in targets (the CDP door's lease checks). Any thread. */
    private volatile Map<String, String> tabsByTarget = Map.of();
    private boolean tabsDirty = true;
    /** A command may have changed a title without an event: look once the client pauses. */
    private boolean titlesStale;
    private long lastTitleRefresh;

    SessionBrowser(String sessionId, SessionPaths paths, RunningBrowser browser, SessionEvents events, InterruptServer interrupts,
                   Duration dialogTimeout, BiConsumer<List<SavedTab>, List<TabInfo>> tabsChanged, AddOns addOns) {
        this.sessionId = sessionId;
        this.browser = browser;
        this.events = events;
        this.tabsChanged = tabsChanged;
        this.addOns = addOns;
        BrowserContext context = browser.context();
        this.titles = new TabTitles(context);
        this.dialogs = new Dialogs(sessionId, events, interrupts, dialogTimeout);
        this.screencasts = new Screencasts(context);
        this.pageEvents = new PageEvents(sessionId, events, tabs, context, paths.downloads());
        this.lanes = new PageLanes(sessionId, browser.directDevTools(), browser::wake, interrupts);
        this.live = new LiveSession(sessionId, paths, this);
    }

    /** Takes over the pages the browser opened, reopens the remembered tabs, and starts listening for new ones. */
    void open(List<SavedTab> restoreTabs, java.util.function.Consumer<String> progress) {
        BrowserContext context = browser.context();
        context.onPage(this::adopt);
        for (Page page : context.pages()) {
            adopt(page);
        }
        // before the tabs reopen: a HAR recording that goes on across a restart sees them load
        addOns.attachAll(live);
        if (browser.ownsTabs()) {
            progress.accept("reopening " + restoreTabs.size() + " tabs");
            restore(restoreTabs);
        }
        refreshTabs(true);
    }

    /**
     * What a restart reopens in the tab: its URL, except on the browser's error page for a load that failed, where it is
     * the address that failed (so a restart tries it again, as Chrome's own session restore does).
     */
    private String savedUrl(Page page) {
        return savedUrl(page.url(), loads.failedAddress(page), titles.committedUrl(page));
    }

    /**
     * {@code browserUrl} is the address the browser process gave at the last look (for an error page, the address that
     * failed); it lags the error page's commit by a moment, when it still names the page before, so the address a load
     * through the hub failed on ({@code failedLoad}) comes first.
     */
    static String savedUrl(String pageUrl, String failedLoad, String browserUrl) {
        if (pageUrl.startsWith(TabInfo.ERROR_PAGE)) {
            if (failedLoad != null) {
                return failedLoad;
            }
            if (browserUrl != null && !browserUrl.startsWith(TabInfo.ERROR_PAGE)) {
                return browserUrl;
            }
        }
        return pageUrl;
    }

    /** Loads a URL in the tab (see {@link PageLoad}). */
    Response navigate(Page page, String url, Page.NavigateOptions options) {
        return loads.navigate(page, url, options);
    }

    private void restore(List<SavedTab> restoreTabs) {
        List<SavedTab> saved = restoreTabs.stream().filter(t -> t.url() != null && !t.url().isBlank()).toList();
        String activeId = null;
        for (int i = 0; i < saved.size(); i++) {
            SavedTab tab = saved.get(i);
            Page page = i == 0 && !tabs.isEmpty() ? tabs.page(null) : browser.context().newPage();
            String id = adopt(page);
            if (tab.active()) {
                activeId = id;
            }
            if (tab.hung()) {
                LOG.infof("Session %s: tab %s comes back blank: its page %s got the previous browser stuck", sessionId, id, LogText.escape(tab.url()));
                events.emit(sessionId, id, new TabRestoreSkipped(tab.url(), "its page got the previous browser stuck (a script that never"
                        + " returned); open it again with page.goto if you need it"));
            } else if (!"about:blank".equals(tab.url()) && !tab.url().startsWith(TabInfo.ERROR_PAGE)) {
                try {
                    loads.navigate(page, tab.url(), new Page.NavigateOptions().setWaitUntil(WaitUntilState.DOMCONTENTLOADED));
                } catch (PlaywrightException e) {
                    // a site that is still down shows the browser's error page, as it did before the restart
                    String why = PlaywrightMessage.of(e).firstLine();
                    if (why.contains("net::ERR_")) {
                        LOG.infof("Session %s: %s still does not load: %s", sessionId, LogText.escape(tab.url()), LogText.escape(why));
                    } else {
                        LOG.warnf("Session %s: could not reopen %s: %s", sessionId, LogText.escape(tab.url()), LogText.escape(why));
                    }
                }
            }
        }
        if (tabs.isEmpty()) {
            adopt(browser.context().newPage());
        }
        if (activeId != null && tabs.all().containsKey(activeId)) {
            tabs.activate(activeId);
        }
    }

    /** Gives a page a tab id and listens to it; a page already known keeps its id. */
    String adopt(Page page) {
        String known = tabs.idOf(page);
        if (known != null) {
            return known;
        }
        String id = tabs.add(page);
        tabsDirty = true;
        page.onClose(p -> {
            screencasts.tabClosed(p);
            lanes.forget(p);
            titles.forget(p);
            loads.forget(p);
            String closed = tabs.remove(p);
            if (closed != null) {
                tabsDirty = true;
                events.emit(sessionId, closed, new TabClosed());
            }
        });
        page.onFrameNavigated(frame -> {
            if (frame.parentFrame() == null) {
                loads.committed(page, frame.url());
                tabsDirty = true;
                events.emit(sessionId, tabs.idOf(page), new Navigated(frame.url()));
            }
        });
        page.onLoad(p -> {
            tabsDirty = true;
            events.emit(sessionId, tabs.idOf(page), new Loaded(p.url()));
        });
        page.onDialog(dialog -> dialogs.onDialog(dialog, tabs.idOf(page)));
        pageEvents.attach(page);
        events.emit(sessionId, id, new TabOpened(page.url()));
        return id;
    }

    LiveSession live() {
        return live;
    }

    Tabs tabRegistry() {
        return tabs;
    }

    Dialogs dialogs() {
        return dialogs;
    }

    Screencasts screencasts() {
        return screencasts;
    }

    AddOns addOns() {
        return addOns;
    }

    BrowserContext context() {
        return browser.context();
    }

    RunningBrowser running() {
        return browser;
    }

    /** See {@link PageLanes#evaluate}; empty when the page is not reachable directly. */
    Optional<JsonNode> evaluateDirectly(Page page, String expression) {
        if (!lanes.available()) {
            return Optional.empty();
        }
        return lanes.evaluate(page, titles.learnTargetId(page), expression);
    }

    /** The tab of a DevTools target id as last seen (null: not one of the session's tabs): any thread. */
    String tabOfTarget(String targetId) {
        return tabsByTarget.get(targetId);
    }

    /** The tabs as last seen: any thread. */
    List<TabInfo> tabs() {
        return tabSnapshot;
    }

    /** Titles as the browser process knows them (never waits for a busy page). */
    Map<Page, String> titles(Iterable<Page> pages) {
        return titles.titles(pages);
    }

    /** The tab list changed (opened, closed, activated): refresh and save it after the current command. */
    void tabsChanged() {
        tabsDirty = true;
    }

    /**
     * After a command that may have changed a title or URL without an event (evaluate, input): refreshed once the
     * session's clients pause, or by the periodic refresh, not after every command, so that a client sending commands
     * back to back does not wait for a title round trip between each.
     */
    void titlesMayHaveChanged() {
        titlesStale = true;
    }

    /** The clients paused: a stale title is worth a round trip now. Returns whether there was one to look at. */
    boolean refreshStaleTitles() {
        if (!titlesStale) {
            return false;
        }
        titlesStale = false;
        tabsDirty = true;
        refreshTabs(false);
        return true;
    }

    /**
     * Between commands: follows network subscriptions, saves finished downloads, gives the add-ons their turn.
     * {@code paused}: the clients have paused. Never throws.
     */
    void housekeeping(boolean paused) {
        pageEvents.housekeeping();
        addOns.tick(live, paused);
    }

    /**
     * Re-reads the tabs when they changed (or every two seconds) and tells the session when the list differs:
     * one browser round trip for all titles, answered even by a page stuck in a script.
     */
    void refreshTabs(boolean force) {
        long now = System.nanoTime();
        if (!force && !tabsDirty && now - lastTitleRefresh < TITLE_REFRESH_NANOS) {
            return;
        }
        tabsDirty = false;
        lastTitleRefresh = now;
        if (!tabs.isEmpty()) {
            screencasts.activeTabIs(tabs.page(null), tabs.active());
        }
        List<TabInfo> infos = new ArrayList<>();
        List<SavedTab> saved = new ArrayList<>();
        try {
            Map<String, Page> open = tabs.all();
            Map<Page, String> known = titles.titles(open.values());
            for (Map.Entry<String, Page> e : open.entrySet()) {
                Page page = e.getValue();
                String title = known.get(page);
                if (title == null) {
                    continue; // closed meanwhile
                }
                boolean active = e.getKey().equals(tabs.active());
                infos.add(new TabInfo(e.getKey(), page.url(), title, active));
                saved.add(new SavedTab(savedUrl(page), title, active));
            }
        } catch (PlaywrightException e) {
            tabsDirty = true;
            return;
        }
        Map<String, String> byTarget = new java.util.HashMap<>();
        tabs.all().forEach((id, page) -> {
            String target = titles.targetId(page);
            if (target != null) {
                byTarget.put(target, id);
            }
        });
        tabsByTarget = Map.copyOf(byTarget);
        if (!infos.equals(tabSnapshot) || !saved.equals(savedSnapshot)) {
            // kept first, shown second: once session.get shows a tab's URL, a restart reopens it
            List<TabInfo> shown = List.copyOf(infos);
            tabsChanged.accept(saved, shown);
            tabSnapshot = shown;
            savedSnapshot = List.copyOf(saved);
        }
    }

    /** Ends the screencasts (their viewers hear why) and closes the browser: gracefully unless it is already gone. */
    void close(boolean graceful, String reason) {
        addOns.detachAll(live, graceful);
        screencasts.endAll(reason);
        lanes.closeAll();
        browser.close(graceful);
    }
}
