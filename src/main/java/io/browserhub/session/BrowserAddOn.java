package io.browserhub.session;

/**
 * Work another part of the hub hangs on a session's browser (a HAR recorder, a screenshot recording). It belongs to
 * the session, not to one browser: it is attached to every browser the session starts until it is detached, and runs
 * on the actor thread only. Attach and detach it with {@link LiveSession#attach} and {@link LiveSession#detach}.
 */
public interface BrowserAddOn {

    /** A browser started (or the add-on was just attached to the running one): listen to it. */
    void attach(LiveSession live);

    /**
     * A driving command just ran (called inside it, so only note it here: the command's caller is waiting).
     * {@code method} is its name.
     */
    default void drove(LiveSession live, String method) {
    }

    /**
     * The add-on's turn between commands, and about every 100 ms while nothing happens. {@code paused}: no command
     * waits and the clients have paused (no command for a moment), so slower work does not hold up a busy client.
     * Must not throw.
     */
    default void tick(LiveSession live, boolean paused) {
    }

    /**
     * The browser is about to close, or the add-on is being detached: stop listening. {@code usable} is false when the
     * browser is already gone (a crash), so no Playwright call would succeed. Must not throw.
     */
    void detach(LiveSession live, boolean usable);
}
