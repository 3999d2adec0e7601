package io.browserhub.session;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The titles of a session's tabs as Chromium's browser process knows them: one Target.getTargets round trip for every
 * tab, answered even while a page is stuck in a script. Page.title() would ask the page itself, which a busy page
 * never answers, and cost a round trip per tab. Actor thread only.
 */
final class TabTitles {

    private final BrowserContext context;
    private final Map<Page, String> targetIds = new IdentityHashMap<>();
    /** The URL the browser process last gave for each page's target: for an error page, the address that failed. */
    private final Map<Page, String> committedUrls = new IdentityHashMap<>();
    private CDPSession browserSession;
    private boolean unavailable;

    TabTitles(BrowserContext context) {
        this.context = context;
    }

    /**
     * Learns the page's DevTools target id: asked of the browser process, so a busy page cannot hold it up. Called
     * lazily, never from inside a Playwright event callback, where a nested round trip would let further events of
     * the same page (its close, say) run before its listeners are in place.
     */
    private void track(Page page) {
        if (unavailable || targetIds.containsKey(page)) {
            return;
        }
        try {
            CDPSession session = context.newCDPSession(page);
            try {
                JsonObject info = session.send("Target.getTargetInfo").getAsJsonObject("targetInfo");
                targetIds.put(page, info.get("targetId").getAsString());
            } finally {
                session.detach();
            }
        } catch (PlaywrightException e) {
            if (!page.isClosed()) {
                throw e;
            }
        }
    }

    /** The page's DevTools target id, learnt now if it was not yet; null when the page closed. Not from an event callback. */
    String learnTargetId(Page page) {
        track(page);
        return targetIds.get(page);
    }

    /** The page's DevTools target id, when it has been learnt (null before the first look at the titles). */
    String targetId(Page page) {
        return targetIds.get(page);
    }

    void forget(Page page) {
        targetIds.remove(page);
        committedUrls.remove(page);
    }

    /**
     * The page's address as the browser process gave it at the last look at the titles; null when unknown. It differs
     * from {@link Page#url()} on the browser's error page, where Playwright says chrome-error://chromewebdata/ and
     * the browser still names the address that failed to load (as Chrome's own session restore does).
     */
    String committedUrl(Page page) {
        return committedUrls.get(page);
    }

    /** Title by page for the pages known to the browser; a page missing from the answer has closed meanwhile. */
    Map<Page, String> titles(Iterable<Page> pages) {
        Map<Page, String> out = new IdentityHashMap<>();
        if (unavailable || browserSession() == null) {
            for (Page page : pages) {
                out.put(page, page.isClosed() ? "" : page.title());
            }
            return out;
        }
        for (Page page : pages) {
            if (!targetIds.containsKey(page) && !page.isClosed()) {
                track(page);
            }
        }
        Map<String, JsonObject> byTarget = new HashMap<>();
        for (JsonElement e : browserSession.send("Target.getTargets").getAsJsonArray("targetInfos")) {
            JsonObject target = e.getAsJsonObject();
            byTarget.put(target.get("targetId").getAsString(), target);
        }
        for (Page page : pages) {
            String targetId = targetIds.get(page);
            JsonObject target = targetId == null ? null : byTarget.get(targetId);
            if (target != null) {
                String title = target.get("title").getAsString();
                out.put(page, UntitledPages.isUrlAsTitle(title, page.url()) ? "" : title);
                committedUrls.put(page, target.get("url").getAsString());
            }
        }
        return out;
    }

    private CDPSession browserSession() {
        if (browserSession == null) {
            Browser browser = context.browser();
            if (browser == null) {
                unavailable = true;
                return null;
            }
            browserSession = browser.newBrowserCDPSession();
        }
        return browserSession;
    }
}
