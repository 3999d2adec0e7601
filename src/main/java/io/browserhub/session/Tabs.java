package io.browserhub.session;

import com.microsoft.playwright.Page;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The open tabs of a running session, with stable ids ("t1", "t2", ...) and the active one. Actor thread only. */
final class Tabs {

    private final Map<String, Page> byId = new LinkedHashMap<>();
    private final Map<Page, String> idOf = new IdentityHashMap<>();
    /** Tab ids, most recently active first: when the active tab closes, the one before it takes over. */
    private final Deque<String> recent = new ArrayDeque<>();
    private int counter;
    private String active;

    String add(Page page) {
        String existing = idOf.get(page);
        if (existing != null) {
            return existing;
        }
        String id = "t" + (++counter);
        byId.put(id, page);
        idOf.put(page, id);
        makeActive(id);
        return id;
    }

    /** Forgets a closed page; returns its id, or null when it was not known. */
    String remove(Page page) {
        String id = idOf.remove(page);
        if (id == null) {
            return null;
        }
        byId.remove(id);
        recent.remove(id);
        if (id.equals(active)) {
            // a popup that closes itself hands back to the tab the agent was on, not merely the last one
            active = recent.peekFirst();
        }
        return id;
    }

    String idOf(Page page) {
        return idOf.get(page);
    }

    /** The page of a tab id; null or empty id means the active tab. */
    Page page(String tabId) {
        if (tabId == null || tabId.isEmpty()) {
            if (active == null) {
                throw new HubException(ErrorCode.TAB_NOT_FOUND, "The session has no open tab; open one with tab.new.");
            }
            return byId.get(active);
        }
        Page page = byId.get(tabId);
        if (page == null) {
            throw new HubException(ErrorCode.TAB_NOT_FOUND, "No tab \"" + tabId + "\" in this session; open tabs: " + byId.keySet() + ".",
                    Map.of("tab", tabId, "tabs", List.copyOf(byId.keySet())));
        }
        return page;
    }

    void activate(String tabId) {
        page(tabId);
        makeActive(tabId);
    }

    private void makeActive(String tabId) {
        recent.remove(tabId);
        recent.addFirst(tabId);
        active = tabId;
    }

    String active() {
        return active;
    }

    /**
     * A copy of the open tabs by id. A copy, because a Playwright call made while iterating (page.title())
     * may deliver a popup opening or closing, which adds or removes a tab.
     */
    Map<String, Page> all() {
        return new LinkedHashMap<>(byId);
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }
}
