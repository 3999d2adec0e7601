package io.browserhub.session;

import io.browserhub.backend.LaunchOptions;

/**
 * How a session's browser is launched. Null fields mean "the hub's default" and stay null on disk,
 * so a changed default applies to sessions created before the change.
 */
public record SessionOptions(
        Boolean headless,
        Viewport viewport,
        String userAgent,
        String locale,
        String timezoneId,
        Integer idleTimeoutSec,
        LaunchOptions launch) {

    public SessionOptions {
        // kept off session.json when nothing is set
        launch = launch == null || !launch.anySet() ? null : launch;
    }

    public static SessionOptions defaults() {
        return new SessionOptions(null, null, null, null, null, null, null);
    }

    /** The launch options, never null. */
    public LaunchOptions launchOptions() {
        return launch != null ? launch : LaunchOptions.none();
    }

    /** These options with other launch options. */
    public SessionOptions withLaunch(LaunchOptions newLaunch) {
        return new SessionOptions(headless, viewport, userAgent, locale, timezoneId, idleTimeoutSec, newLaunch);
    }

    /** These options with every non-null field of {@code other} laid over them. */
    public SessionOptions overriddenBy(SessionOptions other) {
        return new SessionOptions(
                other.headless != null ? other.headless : headless,
                other.viewport != null ? other.viewport : viewport,
                other.userAgent != null ? other.userAgent : userAgent,
                other.locale != null ? other.locale : locale,
                other.timezoneId != null ? other.timezoneId : timezoneId,
                other.idleTimeoutSec != null ? other.idleTimeoutSec : idleTimeoutSec,
                launchOptions().overriddenBy(other.launch));
    }
}
