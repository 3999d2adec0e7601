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

    /** HAR files of har.start/har.stop. */
    public Path har() {
        return dir.resolve("har");
    }

    /** The JPEG screenshots of recording.start. */
    public Path recordings() {
        return dir.resolve("recordings");
    }

    /**
     * Whether a name under downloads/ is the browser's own copy of a download (named by a GUID, with .crdownload while
     * in progress) rather than a download the hub saved under its suggested name.
     */
    public static boolean browserArtifact(String name) {
        String artifact = name.endsWith(IN_PROGRESS) ? name.substring(0, name.length() - IN_PROGRESS.length()) : name;
        return ARTIFACT.matcher(artifact).matches();
    }

    /** The browser's in-progress suffix of a download. */
    static final String IN_PROGRESS = ".crdownload";
    static final java.util.regex.Pattern ARTIFACT =
            java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
}
