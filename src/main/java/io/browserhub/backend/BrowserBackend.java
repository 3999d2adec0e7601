package io.browserhub.backend;

import java.util.function.Consumer;

/**
 * Where a session's browser runs (DESIGN.md, "Doors and backends"). A backend answers one question: give me a
 * Playwright BrowserContext for this session, and tell me when it dies. The local backend launches Chromium on this
 * machine; the extension relay and Selenium Grid are further implementations. Everything above the seam (commands,
 * events, screencast, control) does not know which one it talks to.
 */
public interface BrowserBackend {

    /** A short name for SessionInfo and logs: "local", "extension", "grid". */
    String name();

    /**
     * Starts (or attaches to) the session's browser. Runs on the session's actor thread, which owns everything
     * returned from then on; {@code progress} hears each step as it begins, for start-up reporting.
     */
    RunningBrowser start(LaunchSettings settings, Consumer<String> progress);
}
