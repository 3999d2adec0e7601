package io.browserhub.session;

import java.util.Locale;

/** Why a session's browser was stopped, as the session.state event reports it. */
public enum StopReason {
    /** A client asked (session.stop, session.delete). */
    STOPPED,
    /** The idle reaper: no command and no viewer for the idle timeout. */
    REAPED,
    /** Stopped to make room under browserhub.session.max-running. */
    LIMIT,
    /** The hub is shutting down. */
    SHUTDOWN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
