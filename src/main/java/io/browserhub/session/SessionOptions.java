package io.browserhub.session;

import io.browserhub.backend.LaunchOptions;

/**
 * How a session's browser is launched. Null fields mean "the hub's default" and stay null on disk,
 * so a changed default applies to sessions created before the change. Except {@code placement} (where the browser
 * runs: "local", "grid") and {@code driver} (what drives it: null for the hub's Playwright, "extension" for a
 * person's own browser), which are settled when the session is created and never change.
 */
public record SessionOptions(
        Boolean headless,
        Viewport viewport,
        String userAgent,
        String locale,
        String timezoneId,
        Integer idleTimeoutSec,
        LaunchOptions launch,
        String placement,
        String driver) {

    public SessionOptions {
        // kept off session.json when nothing is set
        launch = launch == null || !launch.anySet() ? null : launch;
    }

    public static SessionOptions defaults() {
        return new SessionOptions(null, null, null, null, null, null, null, null, null);
    }

    /** A session driven by another backend than the hub's Playwright (the extension relay's "extension"). */
    public static SessionOptions drivenBy(String driver) {
        return new SessionOptions(null, null, null, null, null, null, null, null, driver);
    }

    /** The launch options, never null. */
    public LaunchOptions launchOptions() {
        return launch != null ? launch : LaunchOptions.none();
    }

    /** These options with other launch options. */
    public SessionOptions withLaunch(LaunchOptions newLaunch) {
        return new SessionOptions(headless, viewport, userAgent, locale, timezoneId, idleTimeoutSec, newLaunch, placement, driver);
    }

    /** These options with every non-null field of {@code other} laid over them; placement and driver stay once set. */
    public SessionOptions overriddenBy(SessionOptions other) {
        return new SessionOptions(
                other.headless != null ? other.headless : headless,
                other.viewport != null ? other.viewport : viewport,
                other.userAgent != null ? other.userAgent : userAgent,
                other.locale != null ? other.locale : locale,
                other.timezoneId != null ? other.timezoneId : timezoneId,
                other.idleTimeoutSec != null ? other.idleTimeoutSec : idleTimeoutSec,
                launchOptions().overriddenBy(other.launch),
                placement != null ? placement : other.placement,
                driver != null ? driver : other.driver);
    }

    /** These options with the placement settled. */
    public SessionOptions placedAt(String where) {
        return new SessionOptions(headless, viewport, userAgent, locale, timezoneId, idleTimeoutSec, launch, where, driver);
    }
}
