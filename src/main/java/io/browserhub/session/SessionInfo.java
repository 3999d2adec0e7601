package io.browserhub.session;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/** A session as clients see it (docs/protocol.md, SessionInfo). */
public record SessionInfo(
        String id,
        SessionState state,
        Instant createdAt,
        Instant lastActivityAt,
        int idleTimeoutSec,
        boolean headless,
        Viewport viewport,
        List<TabInfo> tabs,
        @Nullable Controller controller,
        @Nullable String cdpUrl,
        @Nullable String damage) {

    /** The client holding the control lease. */
    public record Controller(String clientId, String name, String kind, Instant since) {
    }

    public SessionInfo withController(Controller holder) {
        return new SessionInfo(id, state, createdAt, lastActivityAt, idleTimeoutSec, headless, viewport, tabs, holder, cdpUrl, damage);
    }

    /** The session's DevTools WebSocket (the CDP door), which the session itself does not know. */
    public SessionInfo withCdpUrl(String url) {
        return new SessionInfo(id, state, createdAt, lastActivityAt, idleTimeoutSec, headless, viewport, tabs, controller, url, damage);
    }
}
