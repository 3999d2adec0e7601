package io.browserhub.browser;

import java.nio.file.Path;

/** Everything needed to launch one session's browser, with the hub's defaults already applied. */
public record LaunchSettings(
        Path profile,
        Path downloads,
        Path tempDir,
        boolean headless,
        int viewportWidth,
        int viewportHeight,
        String userAgent,
        String locale,
        String timezoneId) {
}
