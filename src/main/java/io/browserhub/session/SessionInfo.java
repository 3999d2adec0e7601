package io.browserhub.session;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * A session as clients see it (docs/protocol.md, SessionInfo). {@code placement} is where its browser runs ("local",
 * "grid"), {@code node} the Grid node its profile lives on (null while it has none, and for local sessions);
 * {@code driver} what drives it: "local" (the hub's Playwright), "extension" (a person's own browser, the relay).
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
        @Nullable Controller controller,
        @Nullable String cdpUrl,
        @Nullable String damage,
        String placement,
        @Nullable String node,
        String driver) {

    /** The client holding the control lease. */
    public record Controller(String clientId, String name, String kind, Instant since) {
    }

    public SessionInfo withController(Controller holder) {
        return new SessionInfo(id, state, createdAt, lastActivityAt, idleTimeoutSec, headless, viewport, tabs, holder, cdpUrl, damage,
                placement, node, driver);
    }

    /** The session's DevTools WebSocket (the CDP door), which the session itself does not know. */
    public SessionInfo withCdpUrl(String url) {
        return new SessionInfo(id, state, createdAt, lastActivityAt, idleTimeoutSec, headless, viewport, tabs, controller, url, damage,
                placement, node, driver);
    }
}
