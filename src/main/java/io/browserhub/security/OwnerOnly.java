package io.browserhub.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Files and folders only their owner may use, on any file system: mode 0700/0600 where permissions are POSIX
 * (Linux, macOS), an access list with the owner as its only entry where they are ACLs (Windows' NTFS), inherited by
 * everything created inside a folder made this way.
 */
public final class OwnerOnly {

    private static final Set<PosixFilePermission> DIRECTORY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final Set<PosixFilePermission> FILE = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private OwnerOnly() {
    }

    /** Creates the folder (and missing parents) for its owner only. */
    public static void createDirectories(Path dir) throws IOException {
        if (posix(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } else {
            Files.createDirectories(dir);
            restrictAcl(dir, true);
        }
    }

    /** Attributes that create a file for its owner only where the file system takes them at creation (POSIX). */
    static FileAttribute<?>[] fileAttributes(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /** After creating a file with {@link #fileAttributes}: where permissions are ACLs, replaces its list by the owner's. */
    static void restrictFile(Path file) throws IOException {
        if (!posix(file)) {
            restrictAcl(file, false);
        }
    }

    /** Whether group or others have any permission on the file or folder (false where permissions are not POSIX). */
    public static boolean openToOthers(Path path) throws IOException {
        if (!posix(path)) {
            return false;
        }
        return Files.getPosixFilePermissions(path).stream().anyMatch(p -> !p.name().startsWith("OWNER_"));
    }

    /** The access list of a private file or folder: full control for the owner, nothing inherited, nobody else. */
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

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
