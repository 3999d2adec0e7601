package io.browserhub.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Who is to blame when a command gets stuck in a page: the client's script once, the page twice or at once. */
class StuckTabsTest {

    private static final List<SavedTab> SAVED = List.of(new SavedTab("https://a.test/", "A", false), new SavedTab("https://b.test/", "B", true));
    private static final List<TabInfo> SEEN = List.of(new TabInfo("t1", "https://a.test/", "A", false), new TabInfo("t2", "https://b.test/", "B", true));

    @Test
    void aStuckReadOfThePageConvictsThePageAtOnce() {
        List<SavedTab> marked = new StuckTabs().markHung(SAVED, SEEN, "t2", "page.title");
        assertFalse(marked.get(0).hung());
        assertTrue(marked.get(1).hung());
    }

    @Test
    void aStuckClientScriptIsForgivenOnceOnTheSameUrl() {
        StuckTabs stuck = new StuckTabs();
        assertEquals(SAVED, stuck.markHung(SAVED, SEEN, "t2", WorkOptions.CLIENT_SCRIPT), "first strike: reopened as it was");
        assertTrue(stuck.markHung(SAVED, SEEN, "t2", WorkOptions.CLIENT_SCRIPT).get(1).hung(), "second strike on the same URL");
    }

    @Test
    void aStrikeOnAnotherUrlStartsOver() {
        StuckTabs stuck = new StuckTabs();
        stuck.markHung(SAVED, SEEN, "t2", WorkOptions.CLIENT_SCRIPT);
        List<SavedTab> moved = List.of(SAVED.get(0), new SavedTab("https://c.test/", "C", true));
        assertFalse(stuck.markHung(moved, SEEN, "t2", WorkOptions.CLIENT_SCRIPT).get(1).hung());
    }
}
