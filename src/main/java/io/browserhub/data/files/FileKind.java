package io.browserhub.data.files;

import io.browserhub.error.HubException;
import io.browserhub.session.SessionPaths;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/** The kinds of files a session keeps, each in its own directory of the session. */
public enum FileKind {
    DOWNLOAD("download", SessionPaths::downloads),
    SCREENSHOT("screenshot", SessionPaths::screenshots),
    TRACE("trace", SessionPaths::traces),
    HAR("har", SessionPaths::har),
    RECORDING("recording", SessionPaths::recordings);

    private final String wire;
    private final Function<SessionPaths, Path> dir;

    FileKind(String wire, Function<SessionPaths, Path> dir) {
        this.wire = wire;
        this.dir = dir;
    }

    /** The name clients use: "download", "screenshot", "trace", "har", "recording". */
    public String wire() {
        return wire;
    }

    public Path dir(SessionPaths paths) {
        return dir.apply(paths);
    }

    /** INVALID_PARAMS for a name that is not a kind. */
    public static FileKind of(String name) {
        for (FileKind kind : values()) {
            if (kind.wire.equals(name)) {
                return kind;
            }
        }
        throw HubException.invalidParams("\"" + (name == null ? "" : name.length() > 40 ? name.substring(0, 40) + "..." : name)
                + "\" is not a kind of file; kinds are " + Arrays.stream(values()).map(FileKind::wire).toList() + ".");
    }

    /**
     * How a file is served. Only the hub's own images are shown inline (the dashboard's timeline shows them); anything
     * else is an attachment of an inert type, so that a downloaded page never runs under the hub's origin.
     */
    public String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (this) {
            case SCREENSHOT, RECORDING -> lower.endsWith(".png") ? "image/png" : lower.endsWith(".jpg") ? "image/jpeg" : OCTETS;
            case TRACE -> "application/zip";
            case HAR -> "application/json";
            case DOWNLOAD -> OCTETS;
        };
    }

    public boolean inline(String name) {
        return contentType(name).startsWith("image/");
    }

    private static final String OCTETS = "application/octet-stream";
}
