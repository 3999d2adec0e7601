package io.browserhub.session.event;

import io.browserhub.session.SessionState;

/** The session moved to another lifecycle state; {@code reason} says why ("reaped", "browser started", a crash cause). */
public record StateChanged(SessionState state, String reason) implements SessionEvent {
}
