package io.browserhub.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the hub writes under its data directory is its user's alone, set when it is created rather than
 * inherited from the umask or a parent directory that was open (a data directory that already existed with 0755,
 * say): directories 0700 and files 0600 where permissions are POSIX (Linux, macOS), an access list with the owner
 * as its only entry where they are ACLs (Windows' NTFS), which a directory passes on to what is created inside.
 * Files that others create for the hub (Playwright's trace zips, downloads) are narrowed right after.
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
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
            return dir;
        }
        if (!posix(absolute.getFileSystem())) {
            restrictAcl(absolute, true);
        }
        return dir;
    }

    /** Writes a new file (or replaces one) that only the owner can read. */
    public static void write(Path file, byte[] bytes) throws IOException {
        directories(file.toAbsolutePath().getParent());
        try (FileChannel out = open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
        restrict(file);
    }

    /** Opens a file for writing; when the open creates it, it is owner-only before a byte is written into it. */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        FileSystem fs = file.toAbsolutePath().getFileSystem();
        boolean acl = !posix(fs) && Files.notExists(file);
        FileChannel channel = FileChannel.open(file, Set.of(options), attributes(fs, FILE));
        if (acl) {
            restrictAcl(file, false);
        }
        return channel;
    }

    /** Narrows a file (0600) or directory (0700) that someone else created for the hub. */
    public static void restrict(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        if (posix(path.getFileSystem())) {
            Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIRECTORY : FILE);
        } else {
            restrictAcl(path, Files.isDirectory(path));
        }
    }

    /** Whether group or others have any permission on the file or directory (false where permissions are not POSIX). */
    public static boolean openToOthers(Path path) throws IOException {
        if (!posix(path.getFileSystem())) {
            return false;
        }
        return Files.getPosixFilePermissions(path).stream().anyMatch(p -> !p.name().startsWith("OWNER_"));
    }

    /** The access list of a private file or directory: full control for the owner, nothing inherited, nobody else. */
    static List<AclEntry> ownerOnlyAcl(UserPrincipal owner, boolean directory) {
        AclEntry.Builder entry = AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class));
        if (directory) {
            entry.setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT);
        }
        return List.of(entry.build());
    }

    private static void restrictAcl(Path path, boolean directory) throws IOException {
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl != null) {
            acl.setAcl(ownerOnlyAcl(acl.getOwner(), directory));
        }
    }

    private static FileAttribute<?>[] attributes(FileSystem fs, Set<PosixFilePermission> permissions) {
        return posix(fs) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }

    private static boolean posix(FileSystem fs) {
        return fs.supportedFileAttributeViews().contains("posix");
    }
}
