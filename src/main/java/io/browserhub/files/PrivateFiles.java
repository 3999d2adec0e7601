package io.browserhub.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything the hub writes under its data directory is its user's alone: directories 0700, files 0600, set
 * when they are created rather than inherited from the umask or a parent directory that was open (a data
 * directory that already existed with 0755, say). Files that others create for the hub (Playwright's trace
 * zips, downloads) are narrowed right after.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> DIRECTORY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final Set<PosixFilePermission> FILE = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private PrivateFiles() {
    }

    /** Creates the directory and its missing parents, each owner-only; existing ones are left as they are. */
    public static Path directories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return dir;
        }
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            directories(parent);
        }
        try {
            Files.createDirectory(absolute, attributes(absolute.getFileSystem(), DIRECTORY));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
        }
        return dir;
    }

    /** Writes a new file (or replaces one) that only the owner can read. */
    public static void write(Path file, byte[] bytes) throws IOException {
        directories(file.toAbsolutePath().getParent());
        try (FileChannel out = open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
        restrict(file);
    }

    /** Opens a file for writing; when the open creates it, it is created owner-only. */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        Set<OpenOption> set = Set.of(options);
        return FileChannel.open(file, set, attributes(file.toAbsolutePath().getFileSystem(), FILE));
    }

    /** Narrows a file (0600) or directory (0700) that someone else created for the hub. */
    public static void restrict(Path path) throws IOException {
        if (posix(path.getFileSystem()) && Files.exists(path)) {
            Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIRECTORY : FILE);
        }
    }

    private static FileAttribute<?>[] attributes(FileSystem fs, Set<PosixFilePermission> permissions) {
        return posix(fs) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }

    private static boolean posix(FileSystem fs) {
        return fs.supportedFileAttributeViews().contains("posix");
    }
}
