package io.browserhub.data.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.session.SessionPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention: past a kind's count or bytes the oldest files go first; the newest always stays; other kinds untouched. */
class RetentionTest {

    @TempDir
    Path dir;

    @Test
    void theOldestGoFirstPastEitherBound() throws Exception {
        SessionPaths paths = new SessionPaths(dir);
        Path recordings = Files.createDirectories(paths.recordings());
        for (int i = 0; i < 6; i++) {
            Path f = Files.write(recordings.resolve("shot-" + i + ".jpg"), new byte[100]);
            Files.setLastModifiedTime(f, FileTime.fromMillis(1_000_000L + i * 1000L));
        }
        Files.write(Files.createDirectories(paths.downloads()).resolve("keep.txt"), new byte[100]);

        assertEquals(2, SessionFiles.prune(paths, FileKind.RECORDING, 4, 10_000));
        assertEquals(List.of("shot-2.jpg", "shot-3.jpg", "shot-4.jpg", "shot-5.jpg"), names(recordings));
        assertEquals(2, SessionFiles.prune(paths, FileKind.RECORDING, 100, 250));
        assertEquals(List.of("shot-4.jpg", "shot-5.jpg"), names(recordings));
        assertEquals(1, SessionFiles.prune(paths, FileKind.RECORDING, 100, 1));
        assertEquals(List.of("shot-5.jpg"), names(recordings), "the newest file stays whatever its size");
        assertTrue(Files.exists(paths.downloads().resolve("keep.txt")), "other kinds are not touched");
    }

    @Test
    void theBrowsersOwnCopiesAndNamesThatCouldLeaveAreNeverListed() throws Exception {
        SessionPaths paths = new SessionPaths(dir);
        Path downloads = Files.createDirectories(paths.downloads());
        Files.write(downloads.resolve("0f8fad5b-d9cb-469f-a165-70867728950e"), new byte[1]);
        Files.write(downloads.resolve("0f8fad5b-d9cb-469f-a165-70867728950f.crdownload"), new byte[1]);
        Files.write(downloads.resolve("report (1).txt"), new byte[1]);
        Files.write(downloads.resolve(".part"), new byte[1]);
        Files.createSymbolicLink(downloads.resolve("link.txt"), dir.resolve("outside.txt"));
        Files.writeString(dir.resolve("outside.txt"), "secret");
        assertEquals(0, SessionFiles.prune(paths, FileKind.DOWNLOAD, 1, 1));
        assertTrue(FileName.valid("report (1).txt"));
        assertFalse(FileName.valid("../session.json"));
        assertFalse(FileName.valid("a/b"));
        assertFalse(FileName.valid("..\\b"));
        assertFalse(FileName.valid(".hidden"));
        assertFalse(FileName.valid("x\u0000.jpg"));
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
