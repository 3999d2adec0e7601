package io.browserhub.session;

/**
 * How a session's browser is launched. Null fields mean "the hub's default" and stay null on disk,
 * so a changed default applies to sessions created before the change. {@code driver} names the backend
 * ("extension" for a person's own browser; null: local) and is fixed when the session is created.
 */
public record SessionOptions(
        Boolean headless,
        Viewport viewport,
        String userAgent,
        String locale,
        String timezoneId,
        Integer idleTimeoutSec,
        String driver) {

    public static SessionOptions defaults() {
        return new SessionOptions(null, null, null, null, null, null, null);
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
                driver != null ? driver : other.driver);
    }
}
