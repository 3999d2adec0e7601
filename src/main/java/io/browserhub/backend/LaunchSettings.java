package io.browserhub.backend;

import java.nio.file.Path;

/** Everything needed to start one session's browser, with the hub's defaults already applied. */
public record LaunchSettings(
        String sessionId,
        Path profile,
        Path downloads,
        Path tempDir,
        boolean headless,
        int viewportWidth,
        int viewportHeight,
        String userAgent,
        String locale,
        String timezoneId,
        LaunchOptions options) {
}
