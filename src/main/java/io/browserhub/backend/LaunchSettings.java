package io.browserhub.backend;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Everything needed to start one session's browser, with the hub's defaults already applied. {@code createdAt} tells
 * this session apart from an earlier one of the same id (a remote profile is named by both); {@code node} is the
 * remote machine its profile lives on, null when it has none yet or runs here.
 */
public record LaunchSettings(
        String sessionId,
        Instant createdAt,
        String node,
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
