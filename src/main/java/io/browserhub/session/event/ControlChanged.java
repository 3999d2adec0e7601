package io.browserhub.session.event;

import io.browserhub.session.SessionInfo;

/**
 * A control lease changed hands: the new holder (null: nobody), the one before (null: nobody), why ("acquired",
 * "released", "forced", "expired", "disconnected", "tab closed"), how many clients still wait, and the tab when it is
 * a tab's lease (null: the whole session's).
 */
public record ControlChanged(SessionInfo.Controller holder, ClientRef previous, String reason, int waiting, String tab)
        implements SessionEvent {

    /** A client as an event names it. */
    public record ClientRef(String clientId, String name, String kind) {
    }
}
