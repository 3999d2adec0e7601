package io.browserhub.session;

import java.time.Instant;
import java.util.List;

/** What session.json holds: everything needed to bring a session back after any restart. */
public record SessionRecord(String id, Instant createdAt, Instant lastActivityAt, SessionOptions options, List<SavedTab> tabs) {

    public SessionRecord {
        tabs = tabs == null ? List.of() : List.copyOf(tabs);
        options = options == null ? SessionOptions.defaults() : options;
    }

    public SessionRecord withTabs(List<SavedTab> newTabs) {
        return new SessionRecord(id, createdAt, lastActivityAt, options, newTabs);
    }

    public SessionRecord withLastActivityAt(Instant at) {
        return new SessionRecord(id, createdAt, at, options, tabs);
    }

    public SessionRecord withOptions(SessionOptions newOptions) {
        return new SessionRecord(id, createdAt, lastActivityAt, newOptions, tabs);
    }
}
