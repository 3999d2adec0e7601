package io.browserhub.session.event;

import io.browserhub.session.SessionInfo;

/**
 * The control lease changed hands: the new holder (null: nobody), the one before (null: nobody), why ("acquired",
 * "released", "forced", "expired", "disconnected") and how many clients still wait.
 */
public record ControlChanged(SessionInfo.Controller holder, ClientRef previous, String reason, int waiting) implements SessionEvent {

    /** A client as an event names it. */
    public record ClientRef(String clientId, String name, String kind) {
    }
}
