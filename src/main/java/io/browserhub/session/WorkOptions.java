package io.browserhub.session;

/**
 * How a piece of work runs on a session's actor: the method it serves (for diagnostics; null for the hub's own work),
 * the tab it addresses (null: the active tab) or whether it addresses no one tab ({@code anyTab}: tab.list, the hub's
 * own work), whether it may run while the current command is blocked by the page (answering a dialog), and how long
 * it may run before the page counts as stuck (0 = no limit).
 */
public record WorkOptions(String method, String tab, boolean anyTab, boolean interrupting, long limitMs) {

    /** Work of the hub itself: no one tab, in order, no limit. */
    public static final WorkOptions PLAIN = new WorkOptions(null, null, true, false, 0);

    /** The method that ran the client's own JavaScript: when it gets stuck, the script is the suspect, not the page. */
    public static final String CLIENT_SCRIPT = "page.evaluate";
}
