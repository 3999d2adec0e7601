package io.browserhub.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.config.HubConfig;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** The sessions on disk: one directory per session with its session.json, written atomically. */
@ApplicationScoped
public class SessionStore {

    private static final Logger LOG = Logger.getLogger(SessionStore.class);

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
        return Path.of(System.getProperty("java.io.tmpdir"), "browserhub-" + Integer.toHexString(root.toString().hashCode()));
    }

    public Path sessionsDir() {
        return root.resolve("sessions");
    }

    /** The paths of a session; the id must already be valid, so it cannot escape the sessions directory. */
    public SessionPaths paths(String id) {
        return new SessionPaths(sessionsDir().resolve(SessionId.require(id)));
    }

    public List<SessionRecord> loadAll() {
        List<SessionRecord> records = new ArrayList<>();
        if (!Files.isDirectory(sessionsDir())) {
            return records;
        }
        try (Stream<Path> dirs = Files.list(sessionsDir())) {
            for (Path dir : dirs.sorted().toList()) {
                Path file = dir.resolve("session.json");
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    SessionRecord record = json.readValue(file.toFile(), SessionRecord.class);
                    if (!dir.getFileName().toString().equals(record.id())) {
                        LOG.warnf("Skipping %s: its id %s does not match its directory", file, record.id());
                        continue;
                    }
                    records.add(record);
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("Skipping unreadable %s: %s", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + sessionsDir(), e);
        }
        return records;
    }

    /** Writes session.json through a temporary file and a rename, so a crash never leaves half a file. */
    public void save(SessionRecord record) {
        SessionPaths paths = paths(record.id());
        try {
            Files.createDirectories(paths.dir());
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
