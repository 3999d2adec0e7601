package io.browserhub.session;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CDP screencasts of a running session: one per watched tab, plus one that follows the active tab.
 * Actor thread only.
 */
final class Screencasts {

    /** The key of the screencast that follows the active tab. */
    static final String FOLLOW = "*";

    private final BrowserContext context;
    private final Map<String, Screencaster> byTarget = new LinkedHashMap<>();

    Screencasts(BrowserContext context) {
        this.context = context;
    }

    /** Starts (or retargets) the screencast of one tab, or of the active tab when {@code fixedTab} is null. */
    void start(Page page, String pageTab, String fixedTab, ScreencastSettings settings, FrameListener listener) {
        byTarget.computeIfAbsent(key(fixedTab), k -> new Screencaster(context)).start(page, pageTab, fixedTab, settings, listener);
    }

    void stop(String fixedTab) {
        Screencaster caster = byTarget.remove(key(fixedTab));
        if (caster != null) {
            caster.stop();
        }
    }

    void activeTabIs(Page active, String activeTab) {
        byTarget.values().forEach(c -> c.activeTabIs(active, activeTab));
    }

    void tabClosed(Page closed) {
        for (Screencaster caster : new ArrayList<>(byTarget.values())) {
            caster.tabClosed(closed);
        }
        byTarget.values().removeIf(c -> !c.running());
    }

    void endAll(String reason) {
        for (Screencaster caster : new ArrayList<>(byTarget.values())) {
            caster.end(reason);
        }
        byTarget.clear();
    }

    private static String key(String fixedTab) {
        return fixedTab == null ? FOLLOW : fixedTab;
    }
}
