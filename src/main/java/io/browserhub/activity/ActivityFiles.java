package io.browserhub.activity;

import io.browserhub.files.PrivateFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One session's activity log on disk: activity.jsonl plus rotated activity.1.jsonl (newer) ...
 * activity.N.jsonl (older). Every line is one JSON object that starts with {"seq":N, so pages can be found
 * without parsing whole lines. Callers serialise writes and rotation; readers may run alongside, because
 * they open every file before reading any.
 */
final class ActivityFiles {

    private static final String PREFIX = "{\"seq\":";

    private final Path current;
    private final long maxBytes;
    private final int keep;

    ActivityFiles(Path current, long maxBytes, int keep) {
        this.current = current;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    Path rotated(int n) {
        String name = current.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return current.resolveSibling(name.substring(0, dot) + "." + n + name.substring(dot));
    }

    /**
     * Appends lines, rotating first whenever the next line would take the file past the size limit. One open, one
     * size and one gathering write per file touched: this runs for every batch of every session. Never creates the
     * session's directory: a NoSuchFileException says it is gone.
     */
    void append(List<String> lines) throws IOException {
        FileChannel out = open();
        try {
            long size = out.size();
            List<ByteBuffer> chunk = new ArrayList<>();
            long chunkBytes = 0;
            for (String line : lines) {
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                if (size + chunkBytes > 0 && size + chunkBytes + bytes.length > maxBytes) {
                    write(out, chunk);
                    out.close();
                    rotate();
                    out = open();
                    chunk.clear();
                    size = 0;
                    chunkBytes = 0;
                }
                chunk.add(ByteBuffer.wrap(bytes));
                chunkBytes += bytes.length;
            }
            write(out, chunk);
        } finally {
            out.close();
        }
    }

    private FileChannel open() throws IOException {
        return PrivateFiles.open(current, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private static void write(FileChannel out, List<ByteBuffer> chunk) throws IOException {
        ByteBuffer[] buffers = chunk.toArray(ByteBuffer[]::new);
        ByteBuffer last = buffers.length == 0 ? null : buffers[buffers.length - 1];
        while (last != null && last.hasRemaining()) {
            out.write(buffers);
        }
    }

    private void rotate() throws IOException {
        if (keep <= 0) {
            Files.deleteIfExists(current);
            return;
        }
        Files.deleteIfExists(rotated(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (Files.exists(current)) {
            Files.move(current, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Existing files, oldest first. */
    List<Path> oldestFirst() {
        List<Path> files = new ArrayList<>();
        for (int i = keep; i >= 1; i--) {
            if (Files.isRegularFile(rotated(i))) {
                files.add(rotated(i));
            }
        }
        if (Files.isRegularFile(current)) {
            files.add(current);
        }
        return files;
    }

    /** The highest seq written so far; 0 for an empty log. */
    long lastSeq() throws IOException {
        List<Path> files = oldestFirst();
        for (int i = files.size() - 1; i >= 0; i--) {
            long seq = lastSeqOf(files.get(i));
            if (seq > 0) {
                return seq;
            }
        }
        return 0;
    }

    private static long lastSeqOf(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            for (long window = 64 * 1024; ; window *= 4) {
                long from = Math.max(0, length - window);
                byte[] tail = new byte[(int) (length - from)];
                in.seek(from);
                in.readFully(tail);
                String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
                // the first line of a window that does not start the file may be cut: never trust it
                int first = from == 0 ? 0 : 1;
                for (int i = lines.length - 1; i >= first; i--) {
                    long seq = seqOf(lines[i]);
                    if (seq > 0) {
                        return seq;
                    }
                }
                if (from == 0) {
                    return 0;
                }
            }
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return 0;
        }
    }

    /** The seq of a line written by this class; -1 when the line is not one. */
    static long seqOf(String line) {
        if (!line.startsWith(PREFIX)) {
            return -1;
        }
        long seq = 0;
        int i = PREFIX.length();
        int digits = 0;
        while (i < line.length() && Character.isDigit(line.charAt(i)) && digits < 18) {
            seq = seq * 10 + (line.charAt(i) - '0');
            i++;
            digits++;
        }
        return digits == 0 ? -1 : seq;
    }

    /** What a reader needs: every file opened at once, so a rotation meanwhile cannot hide lines. */
    List<InputStream> openAll() throws IOException {
        List<InputStream> streams = new ArrayList<>();
        try {
            for (Path file : oldestFirst()) {
                try {
                    streams.add(Files.newInputStream(file));
                } catch (NoSuchFileException e) {
                    // rotated away between listing and opening: its lines are in the next file
                }
            }
        } catch (RuntimeException e) {
            closeAll(streams);
            throw e;
        }
        return streams;
    }

    /** Up to limit complete lines with seq >= sinceSeq, in order. */
    static List<String> page(List<InputStream> oldestFirst, long sinceSeq, int limit) throws IOException {
        List<String> lines = new ArrayList<>();
        try {
            for (InputStream stream : oldestFirst) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 64 * 1024);
                String line;
                while ((line = reader.readLine()) != null) {
                    long seq = seqOf(line);
                    if (seq >= sinceSeq && seq > 0) {
                        lines.add(line);
                        if (lines.size() >= limit) {
                            return lines;
                        }
                    }
                }
            }
            return lines;
        } finally {
            closeAll(oldestFirst);
        }
    }

    static void closeAll(List<InputStream> streams) {
        for (InputStream s : streams) {
            try {
                s.close();
            } catch (IOException ignored) {
                // reading is over
            }
        }
    }
}
