package io.browserhub.session;

/**
 * How a piece of work runs on a session's actor: the tab it addresses (null: the active tab), whether it may run while
 * the current command is blocked by the page (answering a dialog), and how long it may run before the page counts as
 * stuck (0 = no limit).
 */
public record WorkOptions(String tab, boolean interrupting, long limitMs) {

    /** Work of the hub itself: any tab, in order, no limit. */
    public static final WorkOptions PLAIN = new WorkOptions(null, false, 0);
}
