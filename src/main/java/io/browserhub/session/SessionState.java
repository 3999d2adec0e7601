package io.browserhub.session;

import java.util.Locale;

/** Where a session is in its life (DESIGN.md, "Session lifecycle"). On the wire as {@link #wire()}. */
public enum SessionState {
    STOPPED,
    STARTING,
    RUNNING,
    STOPPING,
    CRASHED,
    /** Its session.json could not be read at start: listed with the reason, never started (docs/security.md). */
    DAMAGED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
