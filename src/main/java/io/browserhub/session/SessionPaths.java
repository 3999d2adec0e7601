package io.browserhub.session;

import java.nio.file.Path;

/** Where one session keeps its files under the data directory (DESIGN.md, "Session lifecycle"). */
public record SessionPaths(Path dir) {

    public Path sessionJson() {
        return dir.resolve("session.json");
    }

    public Path profile() {
        return dir.resolve("profile");
    }

    public Path activityLog() {
        return dir.resolve("activity.jsonl");
    }

    public Path traces() {
        return dir.resolve("traces");
    }

    public Path downloads() {
        return dir.resolve("downloads");
    }

    public Path screenshots() {
        return dir.resolve("screenshots");
    }
}
