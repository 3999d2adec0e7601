package io.browserhub.session;

import java.util.Map;

/** Where a session reports what happens in it (page events, state changes); called on the actor thread. */
public interface SessionEvents {

    /** Must return at once: it runs on the actor thread, often inside a Playwright callback. */
    void emit(String sessionId, String kind, String tab, Map<String, Object> data);
}
