package io.browserhub.session;

import java.util.Map;

/**
 * Where a session reports what happens in it (page events, state changes). Called mostly on the actor
 * thread, and from other threads for what happens around the session (commands, control changes).
 */
public interface SessionEvents {

    /** Must return at once: it runs on the actor thread, often inside a Playwright callback. */
    void emit(String sessionId, String kind, String tab, Map<String, Object> data);

    /**
     * Whether anyone listens to events of this kind (or of kinds under it, e.g. "network") on the session.
     * Costly event sources (network) are attached only while this is true. Called often: must be cheap.
     */
    default boolean wants(String sessionId, String kind) {
        return false;
    }
}
