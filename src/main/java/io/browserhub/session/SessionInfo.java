package io.browserhub.session;

import java.time.Instant;
import java.util.List;

/**
 * A session as clients see it (PROTOCOL.md, SessionInfo). {@code placement} is where its browser runs ("local",
 * "grid"), {@code node} the Grid node its profile lives on (null while it has none, and for local sessions).
 */
public record SessionInfo(
        String id,
        SessionState state,
        Instant createdAt,
        Instant lastActivityAt,
        int idleTimeoutSec,
        boolean headless,
        Viewport viewport,
        List<TabInfo> tabs,
        Controller controller,
        String cdpUrl,
        String placement,
        String node) {

    /** The client holding the control lease. */
    public record Controller(String clientId, String name, String kind, Instant since) {
    }

    public SessionInfo withController(Controller holder) {
        return new SessionInfo(id, state, createdAt, lastActivityAt, idleTimeoutSec, headless, viewport, tabs, holder, cdpUrl, placement, node);
    }

    /** The session's DevTools WebSocket (the CDP door), which the session itself does not know. */
    public SessionInfo withCdpUrl(String url) {
        return new SessionInfo(id, state, createdAt, lastActivityAt, idleTimeoutSec, headless, viewport, tabs, controller, url, placement, node);
    }
}
