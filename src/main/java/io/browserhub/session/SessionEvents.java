package io.browserhub.session;

import io.browserhub.session.event.SessionEvent;

/**
 * Where a session reports what happens in it (page events, state changes). Called mostly on the actor
 * thread, and from other threads for what happens around the session (commands, control changes).
 */
public interface SessionEvents {

    /**
     * Reports an event of the session, about one tab or (tab null) the whole session. Must return at once: it runs
     * on the actor thread, often inside a Playwright callback.
     */
    void emit(String sessionId, String tab, SessionEvent event);

    /**
     * Whether anyone listens to the session's network events. They are costly to produce (the browser reports every
     * request), so they are attached only while this is true. Called often: must be cheap.
     */
    default boolean wantsNetwork(String sessionId) {
        return false;
    }
}
