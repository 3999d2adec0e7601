package io.browserhub.backend;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a session's browser runs (DESIGN.md, "Doors and backends"). A backend answers one question: give me a
 * Playwright BrowserContext for this session, and tell me when it dies. The local backend launches Chromium on this
 * machine; the extension relay and Selenium Grid are further implementations. Everything above the seam (commands,
 * events, screencast, control) does not know which one it talks to.
 */
public interface BrowserBackend {

    /** A short name for logs, and the name placements and drivers choose it by: "local", "extension", "grid". */
    String name();

    /** SessionInfo.placement: where the browser runs ("local", "grid"); a person's own browser is local. */
    default String placement() {
        return name();
    }

    /** SessionInfo.driver: what drives the browser: "local" (the hub's Playwright) or "extension" (the relay). */
    default String driver() {
        return "local";
    }

    /**
     * Starts (or attaches to) the session's browser. Runs on the session's actor thread, which owns everything
     * returned from then on; {@code progress} hears each step as it begins, for start-up reporting.
     */
    RunningBrowser start(LaunchSettings settings, Consumer<String> progress);

    /**
     * Why this hub cannot place sessions here at all (not configured, say), as a sentence naming what to set; empty
     * when it can. Asked before a session is created with this placement, so nothing is created in vain.
     */
    default Optional<String> unusable() {
        return Optional.empty();
    }
}
