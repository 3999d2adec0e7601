package io.browserhub.data.files;

import io.browserhub.config.HubConfig;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.files.PrivateFiles;
import io.browserhub.session.Session;
import io.browserhub.session.SessionPaths;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A session's files by kind: listed, found for serving, written, and kept within the retention bounds. Every file the
 * data features write goes through here, so how files are created (their modes, where) is decided in one place.
 * Any thread; a file is written to a hidden temporary name and renamed, so nobody lists or serves half a file.
 */
@ApplicationScoped
public class SessionFiles {

    private static final Logger LOG = Logger.getLogger(SessionFiles.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    /** A hidden work file nobody has touched for this long belongs to a hub that went away: retention removes it. */
    private static final long STALE_WORK_FILE_MS = 24L * 3600 * 1000;

    private final HubConfig.Files config;

    public SessionFiles(HubConfig config) {
        this.config = config.files();
    }

    /** A name that sorts by time: 20261121-101500-123 plus the suffix (e.g. "-t1.jpg", ".har"). */
    public static String stampedName(Instant at, String suffix) {
        return FILE_TIME.format(at) + suffix;
    }

    /** Where clients fetch a file (with the hub's token). */
    public static String url(String sessionId, FileKind kind, String name) {
        return "/api/sessions/" + sessionId + "/files/" + kind.wire() + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The session's files of one kind (or every kind when null), newest first. */
    public List<FileInfo> list(Session session, FileKind only) {
        List<FileInfo> out = new ArrayList<>();
        for (FileKind kind : FileKind.values()) {
            if (only == null || only == kind) {
                for (Entry e : entries(session.paths(), kind)) {
                    out.add(new FileInfo(kind.wire(), e.name(), e.size(), e.modified(), url(session.id(), kind, e.name())));
                }
            }
        }
        out.sort(Comparator.comparing(FileInfo::createdAt).reversed().thenComparing(FileInfo::name));
        return out;
    }

    /**
     * The file to serve: its name checked, inside the kind's directory, a regular file and not a link (nothing that
     * leads out of the session). INVALID_PARAMS for a bad name, SESSION_NOT_FOUND (404) when there is no such file.
     */
    public Path existing(Session session, FileKind kind, String name) {
        FileName.require(name);
        Path dir = kind.dir(session.paths());
        Path file = dir.resolve(name);
        if (!file.getParent().equals(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || hidden(kind, name)) {
            throw new HubException(ErrorCode.SESSION_NOT_FOUND, "Session \"" + session.id() + "\" has no " + kind.wire() + " file \""
                    + name + "\"; files.list lists them.", Map.of("kind", kind.wire(), "file", name));
        }
        return file;
    }

    /** Writes a whole file of a kind (replacing one of the same name). */
    public Path write(SessionPaths paths, FileKind kind, String name, byte[] bytes) {
        return write(paths, kind, name, out -> out.write(bytes));
    }

    /** Content written by {@link #write(SessionPaths, FileKind, String, Content)}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a file of a kind through a hidden temporary file, renamed when complete. */
    public Path write(SessionPaths paths, FileKind kind, String name, Content content) {
        FileName.require(name);
        Path dir = kind.dir(paths);
        Path file = dir.resolve(name);
        try {
            PrivateFiles.directories(dir);
            Path tmp = Files.createTempFile(dir, ".", ".part"); // owner-only, like every file of the data directory
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    content.writeTo(out);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return file;
        } catch (IOException e) {
            throw new HubException(ErrorCode.INTERNAL_ERROR, "Cannot write " + file + ": " + e.getMessage());
        }
    }

    /** A hidden work file of a kind (e.g. the entries of a HAR being recorded), appended to as text; never listed. */
    public BufferedWriter appendWorkFile(SessionPaths paths, FileKind kind, String name) {
        Path dir = kind.dir(paths);
        try {
            PrivateFiles.directories(dir);
            return new BufferedWriter(Channels.newWriter(PrivateFiles.open(workFile(paths, kind, name),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + dir.resolve("." + name), e);
        }
    }

    public Path workFile(SessionPaths paths, FileKind kind, String name) {
        return kind.dir(paths).resolve("." + FileName.require(name));
    }

    public void deleteWorkFile(SessionPaths paths, FileKind kind, String name) {
        try {
            Files.deleteIfExists(workFile(paths, kind, name));
        } catch (IOException e) {
            LOG.debugf("Cannot delete a work file: %s", e.getMessage());
        }
    }

    /** Deletes the oldest files of the kind beyond its bounds (always keeping the newest), and stale work files. */
    public int prune(SessionPaths paths, FileKind kind) {
        HubConfig.Files.Bounds bounds = switch (kind) {
            case DOWNLOAD -> config.download();
            case SCREENSHOT -> config.screenshot();
            case TRACE -> config.trace();
            case HAR -> config.har();
            case RECORDING -> config.recording();
        };
        return prune(paths, kind, bounds.maxCount(), bounds.maxBytes().asLongValue());
    }

    static int prune(SessionPaths paths, FileKind kind, int maxCount, long maxBytes) {
        List<Entry> files = new ArrayList<>(entries(paths, kind));
        files.sort(Comparator.comparing(Entry::modified).thenComparing(Entry::name)); // oldest first
        long total = files.stream().mapToLong(Entry::size).sum();
        int count = files.size();
        int deleted = 0;
        for (Entry oldest : files) {
            if (count <= 1 || (count <= maxCount && total <= maxBytes)) {
                break;
            }
            try {
                Files.deleteIfExists(kind.dir(paths).resolve(oldest.name()));
                deleted++;
            } catch (IOException e) {
                LOG.debugf("Retention could not delete %s: %s", oldest.name(), e.getMessage());
            }
            count--;
            total -= oldest.size();
        }
        deleteStaleWorkFiles(kind.dir(paths));
        return deleted;
    }

    private record Entry(String name, long size, Instant modified) {
    }

    /** The kind's files that can be listed and served: valid names, regular files, not the browser's own artifacts. */
    private static List<Entry> entries(SessionPaths paths, FileKind kind) {
        Path dir = kind.dir(paths);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!FileName.valid(name) || hidden(kind, name)) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile()) {
                        out.add(new Entry(name, a.size(), a.lastModifiedTime().toInstant()));
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            LOG.debugf("Cannot list %s: %s", dir, e.getMessage());
        }
        return out;
    }

    /** Chromium keeps its own copies of downloads (named by GUID) beside the saved ones. */
    private static boolean hidden(FileKind kind, String name) {
        return kind == FileKind.DOWNLOAD && SessionPaths.browserArtifact(name);
    }

    private static void deleteStaleWorkFiles(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        long before = System.currentTimeMillis() - STALE_WORK_FILE_MS;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().startsWith(".") && Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toMillis() < before) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            LOG.debugf("Cannot clean %s: %s", dir, e.getMessage());
        }
    }
}
