package io.browserhub.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.config.HubConfig;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.files.PrivateFiles;
import io.browserhub.observability.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** The sessions on disk: one directory per session with its session.json, written atomically. */
@ApplicationScoped
public class SessionStore {

    private static final Logger LOG = Logger.getLogger(SessionStore.class);

    private static final String QUARANTINE_PREFIX = "session.json.damaged-";

    private final Path root;
    private final ObjectMapper json;

    public SessionStore(HubConfig config, ObjectMapper json) {
        this.root = Path.of(config.dataDir()).toAbsolutePath().normalize();
        this.json = json;
    }

    public Path dataDir() {
        return root;
    }

    /**
     * Temp files of drivers and browsers, emptied at every hub start. Not inside the data directory: Chromium
     * puts its SingletonSocket (a Unix socket, paths limited to 107 bytes) under TMPDIR, so the path stays
     * short: the system temp folder plus a name derived from the data directory.
     */
    public Path tempDir() {
        return tempDirOf(root);
    }

    /** {@link #tempDir()} of the hub on this data directory. */
    public static Path tempDirOf(Path dataDir) {
        String root = dataDir.toAbsolutePath().normalize().toString();
        return Path.of(System.getProperty("java.io.tmpdir"), "browserhub-" + Integer.toHexString(root.hashCode()));
    }

    public Path sessionsDir() {
        return root.resolve("sessions");
    }

    /** The paths of a session; the id must already be valid, so it cannot escape the sessions directory. */
    public SessionPaths paths(String id) {
        return new SessionPaths(sessionsDir().resolve(SessionId.require(id)));
    }

    /** A session directory whose session.json could not be used: its profile is kept, the bad file set aside. */
    public record Damaged(String id, String reason, Instant createdAt) {
    }

    /** What the data directory holds: the sessions that load, and those that are damaged. */
    public record Loaded(List<SessionRecord> records, List<Damaged> damaged) {
    }

    /**
     * Reads every session.json. One that cannot be read (or names another session) is moved aside to
     * session.json.damaged-TIME and its session reported damaged, never dropped: dropping it would let a later
     * session.create of the same id start on the old profile without anyone knowing.
     */
    public Loaded loadAll() {
        List<SessionRecord> records = new ArrayList<>();
        List<Damaged> damaged = new ArrayList<>();
        if (!Files.isDirectory(sessionsDir())) {
            return new Loaded(records, damaged);
        }
        try (Stream<Path> dirs = Files.list(sessionsDir())) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String id = dir.getFileName().toString();
                if (!SessionId.valid(id)) {
                    LOG.warnf("Ignoring %s: \"%s\" is not a session id", LogText.escape(dir), LogText.escape(id));
                    continue;
                }
                Path file = dir.resolve("session.json");
                if (Files.isRegularFile(file)) {
                    String problem;
                    try {
                        SessionRecord record = json.readValue(file.toFile(), SessionRecord.class);
                        if (id.equals(record.id())) {
                            records.add(record);
                            continue;
                        }
                        problem = "its session.json names another session (\"" + record.id() + "\")";
                    } catch (IOException | RuntimeException e) {
                        problem = "its session.json cannot be read (" + io.browserhub.error.Throwables.firstLine(e.getMessage()) + ")";
                    }
                    String moved = quarantine(file);
                    damaged.add(new Damaged(id, problem + "; it was moved to " + moved + " and the profile was kept",
                            createdAt(dir)));
                    LOG.warnf("Session %s is damaged: %s", id, LogText.escape(problem));
                } else {
                    Optional<Path> earlier = quarantined(dir);
                    if (earlier.isPresent()) {
                        damaged.add(new Damaged(id, "its session.json was damaged and moved to " + earlier.get().getFileName()
                                + " at an earlier start; the profile was kept", createdAt(dir)));
                    } else if (Files.isDirectory(dir.resolve("profile"))) {
                        damaged.add(new Damaged(id, "it has a profile but no session.json", createdAt(dir)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + sessionsDir(), e);
        }
        return new Loaded(records, damaged);
    }

    /** Moves a bad session.json aside, keeping it for a person to look at; returns its new name. */
    private static String quarantine(Path file) {
        Path target = file.resolveSibling(QUARANTINE_PREFIX + System.currentTimeMillis());
        try {
            Files.move(file, target);
            return target.getFileName().toString();
        } catch (IOException e) {
            return file.getFileName() + " (could not be moved: " + e.getMessage() + ")";
        }
    }

    private static Optional<Path> quarantined(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(QUARANTINE_PREFIX)).sorted().findFirst();
        }
    }

    private static Instant createdAt(Path dir) {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class).creationTime().toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }

    /** Writes session.json through a temporary file and a rename, so a crash never leaves half a file. */
    public void save(SessionRecord record) {
        SessionPaths paths = paths(record.id());
        try {
            PrivateFiles.directories(paths.dir());
            Path tmp = Files.createTempFile(paths.dir(), ".session", ".json.tmp");
            try {
                json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), record);
                try {
                    Files.move(tmp, paths.sessionJson(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, paths.sessionJson(), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new HubException(ErrorCode.INTERNAL_ERROR, "Cannot write " + paths.sessionJson() + ": " + e.getMessage());
        }
    }

    /** Removes a session's directory: profile, logs, screenshots, everything. */
    public void delete(String id) {
        Path dir = paths(id).dir();
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new HubException(ErrorCode.INTERNAL_ERROR, "Cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
