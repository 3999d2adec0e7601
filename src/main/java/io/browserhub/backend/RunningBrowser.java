package io.browserhub.backend;

import com.microsoft.playwright.BrowserContext;
import java.util.Optional;
import java.util.function.Consumer;

/** One started browser of a session, as its backend hands it over. Owned by the session's actor thread unless said otherwise. */
public interface RunningBrowser {

    /** The context every command of the session works in. */
    BrowserContext context();

    /** Registers what to do when the browser, or the connection to it, dies underneath. Called back on any thread. */
    void onLost(Consumer<String> cause);

    /** False once the browser is known to be gone. Cheap; any thread. */
    boolean alive();

    /**
     * Makes the actor's current Playwright wait look at its condition again now instead of at the end of its polling
     * slice: how an idle session notices a new command at once. Any thread; harmless when nothing waits.
     */
    void wake();

    /** Closes it gracefully (so the profile is flushed), then ends whatever is left. Actor thread. */
    void close(boolean graceful);

    /**
     * Ends it at once, from any thread: a page stuck in a script, a stop that must complete. Playwright calls of the
     * actor then fail, which frees the actor thread.
     */
    void kill(String why);

    /** The browser's main process when the hub started it on this machine; empty for remote browsers. */
    Optional<ProcessHandle> process();

    /** The browser's own DevTools server, when it has one the hub may reach (the CDP door's upstream). */
    Optional<DevToolsEndpoint> devTools();

    /**
     * The DevTools server the hub may reach this browser's pages through itself, beside Playwright, for its hot path
     * (page.evaluate): a local Chromium's own. Empty: every command goes through Playwright.
     */
    default Optional<DevToolsEndpoint> directDevTools() {
        return Optional.empty();
    }

    /**
     * Whether the tabs are the session's own: reopened from session.json at every start, and never fewer than one.
     * A person's own browser (the extension relay) answers false: its tabs are theirs, taken as they are.
     */
    default boolean ownsTabs() {
        return true;
    }

    /**
     * The machine the browser runs on, by the name the session is pinned to from then on (a Selenium Grid node's
     * {@code browserhub:node}); empty when it runs on this one.
     */
    default Optional<String> node() {
        return Optional.empty();
    }
}
