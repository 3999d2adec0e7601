package io.browserhub.session;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a session is in its life (DESIGN.md, "Session lifecycle"). */
public enum SessionState {
    STOPPED,
    STARTING,
    RUNNING,
    STOPPING,
    CRASHED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
