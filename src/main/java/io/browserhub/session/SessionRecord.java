package io.browserhub.session;

import java.time.Instant;
import java.util.List;

/**
 * What session.json holds: everything needed to bring a session back after any restart. {@code node} is the remote
 * machine its profile lives on (a Selenium Grid node), to which every later start is pinned; null for local sessions.
 */
public record SessionRecord(String id, Instant createdAt, Instant lastActivityAt, SessionOptions options, List<SavedTab> tabs,
                            String node) {

    public SessionRecord {
        tabs = tabs == null ? List.of() : List.copyOf(tabs);
        options = options == null ? SessionOptions.defaults() : options;
    }

    public SessionRecord withTabs(List<SavedTab> newTabs) {
        return new SessionRecord(id, createdAt, lastActivityAt, options, newTabs, node);
    }

    public SessionRecord withLastActivityAt(Instant at) {
        return new SessionRecord(id, createdAt, at, options, tabs, node);
    }

    public SessionRecord withOptions(SessionOptions newOptions) {
        return new SessionRecord(id, createdAt, lastActivityAt, newOptions, tabs, node);
    }

    public SessionRecord withNode(String newNode) {
        return new SessionRecord(id, createdAt, lastActivityAt, options, tabs, newNode);
    }
}
