package io.browserhub.session;

/**
 * How a session's browser is launched. Null fields mean "the hub's default" and stay null on disk,
 * so a changed default applies to sessions created before the change. Except {@code placement} (where the browser
 * runs: "local", "grid"), which is settled when the session is created and never changes: the profile lives there.
 */
public record SessionOptions(
        Boolean headless,
        Viewport viewport,
        String userAgent,
        String locale,
        String timezoneId,
        Integer idleTimeoutSec,
        String placement) {

    public static SessionOptions defaults() {
        return new SessionOptions(null, null, null, null, null, null, null);
    }

    /** These options with every non-null field of {@code other} laid over them; the placement stays once set. */
    public SessionOptions overriddenBy(SessionOptions other) {
        return new SessionOptions(
                other.headless != null ? other.headless : headless,
                other.viewport != null ? other.viewport : viewport,
                other.userAgent != null ? other.userAgent : userAgent,
                other.locale != null ? other.locale : locale,
                other.timezoneId != null ? other.timezoneId : timezoneId,
                other.idleTimeoutSec != null ? other.idleTimeoutSec : idleTimeoutSec,
                placement != null ? placement : other.placement);
    }

    /** These options with the placement settled. */
    public SessionOptions placedAt(String where) {
        return new SessionOptions(headless, viewport, userAgent, locale, timezoneId, idleTimeoutSec, where);
    }
}
