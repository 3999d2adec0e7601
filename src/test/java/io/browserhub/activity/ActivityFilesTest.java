package io.browserhub.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The activity log files on their own: rotation at the size limit, paging by seq across files, the last seq. */
class ActivityFilesTest {

    @TempDir
    Path dir;

    private static String line(long seq) {
        return "{\"seq\":" + seq + ",\"ts\":\"2025-01-01T00:00:00Z\",\"session\":\"s\",\"kind\":\"command\",\"data\":{\"n\":\"" + "x".repeat(60) + "\"}}";
    }

    private static List<String> lines(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(ActivityFilesTest::line).toList();
    }

    @Test
    void rotatesAtTheLimitKeepsNFilesAndPagesAcrossThemInOrder() throws Exception {
        // seqs of two digits: every line has the same length, ten fit in a file
        int size = line(10).getBytes(StandardCharsets.UTF_8).length + 1;
        ActivityFiles files = new ActivityFiles(dir.resolve("activity.jsonl"), size * 10L, 2);
        files.append(lines(10, 34));
        files.append(lines(35, 44));

        assertEquals(List.of(dir.resolve("activity.2.jsonl"), dir.resolve("activity.1.jsonl"), dir.resolve("activity.jsonl")),
                files.oldestFirst());
        assertFalse(Files.exists(dir.resolve("activity.3.jsonl")), "only two rotated files are kept");
        for (Path file : files.oldestFirst()) {
            assertTrue(Files.size(file) <= size * 10L, file + " is over the limit");
        }
        assertEquals(lines(20, 29), Files.readAllLines(dir.resolve("activity.2.jsonl")), "the oldest kept file");
        assertEquals(lines(30, 39), Files.readAllLines(dir.resolve("activity.1.jsonl")));
        assertEquals(lines(40, 44), Files.readAllLines(dir.resolve("activity.jsonl")));

        assertEquals(lines(20, 24), ActivityFiles.page(files.openAll(), 0, 5), "from the oldest kept entry");
        assertEquals(lines(27, 33), ActivityFiles.page(files.openAll(), 27, 7), "a page spanning two files");
        assertEquals(lines(42, 44), ActivityFiles.page(files.openAll(), 42, 100));
        assertEquals(List.of(), ActivityFiles.page(files.openAll(), 45, 100));
        assertEquals(44, files.lastSeq());
    }

    @Test
    void theLastSeqSurvivesACutLastLineAndAnEmptyCurrentFile() throws Exception {
        ActivityFiles files = new ActivityFiles(dir.resolve("activity.jsonl"), 1 << 20, 3);
        assertEquals(0, files.lastSeq(), "no log yet");
        files.append(lines(1, 3000));
        Files.writeString(dir.resolve("activity.jsonl"), "{\"se", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(3000, files.lastSeq(), "a cut last line is skipped");

        Files.move(dir.resolve("activity.jsonl"), dir.resolve("activity.1.jsonl"));
        Files.writeString(dir.resolve("activity.jsonl"), "");
        assertEquals(3000, files.lastSeq(), "just rotated: the number goes on from the rotated file");
        List<String> page = new ArrayList<>(ActivityFiles.page(files.openAll(), 2999, 10));
        assertEquals(lines(2999, 3000), page.subList(0, 2));
    }

    @Test
    void appendingNeverBringsBackADeletedSessionDirectory() throws Exception {
        Path session = dir.resolve("gone");
        Files.createDirectory(session);
        ActivityFiles files = new ActivityFiles(session.resolve("activity.jsonl"), 1 << 20, 1);
        files.append(lines(1, 3));
        assertEquals(lines(1, 3), Files.readAllLines(session.resolve("activity.jsonl")), "three lines, in one write");
        Files.delete(session.resolve("activity.jsonl"));
        Files.delete(session);
        assertThrows(NoSuchFileException.class, () -> files.append(lines(4, 5)));
        assertFalse(Files.exists(session), "the directory stays deleted");
    }

    @Test
    void readsTheSeqFromTheStartOfALine() {
        assertEquals(42, ActivityFiles.seqOf("{\"seq\":42,\"ts\":\"x\"}"));
        assertEquals(-1, ActivityFiles.seqOf("{\"ts\":\"x\",\"seq\":42}"));
        assertEquals(-1, ActivityFiles.seqOf(""));
    }
}
