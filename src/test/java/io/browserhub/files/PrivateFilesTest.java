package io.browserhub.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private files and folders: POSIX modes here; on Windows an access list with only the owner, whose shape is checked
 * here (no Windows file system to apply it to on this machine).
 */
class PrivateFilesTest {

    @TempDir
    Path dir;

    @Test
    void aNewDataDirectoryIsTheOwnersOnly() throws Exception {
        Path data = dir.resolve("a/b/data");
        PrivateFiles.directories(data);
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(data));
        assertFalse(PrivateFiles.openToOthers(data));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));
        assertTrue(PrivateFiles.openToOthers(data));
    }

    @Test
    void onWindowsTheOwnerIsTheOnlyEntryAndAFolderPassesItOnToWhatItHolds() {
        UserPrincipal ada = () -> "LAPTOP\\ada";
        List<AclEntry> folder = PrivateFiles.ownerOnlyAcl(ada, true);
        assertEquals(1, folder.size(), "nobody else: no Users, no Everyone, nothing inherited from the user's profile folder");
        AclEntry entry = folder.get(0);
        assertEquals(AclEntryType.ALLOW, entry.type());
        assertEquals("LAPTOP\\ada", entry.principal().getName());
        assertTrue(entry.permissions().containsAll(Set.of(AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA,
                AclEntryPermission.DELETE, AclEntryPermission.WRITE_ACL)), "full control: " + entry.permissions());
        assertEquals(Set.of(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT), entry.flags(),
                "the token, the profiles and logs created inside get the same list");
        assertTrue(PrivateFiles.ownerOnlyAcl(ada, false).get(0).flags().isEmpty(), "a file passes nothing on");
    }
}
