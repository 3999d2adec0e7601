package io.browserhub.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.files.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @TempDir
    Path dir;

    @Test
    void generatesAnOwnerOnlyFileOnceAndReadsItAfterwards() throws Exception {
        Path file = dir.resolve("data").resolve("token");
        String first = TokenFile.readOrCreate(file);
        assertTrue(first.matches("[A-Za-z0-9_-]{43}"), first);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(file));
        assertEquals(first, TokenFile.readOrCreate(file));
        assertEquals(first + "\n", Files.readString(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void generatedTokensDiffer() {
        assertNotEquals(TokenFile.generate(), TokenFile.generate());
    }

    @Test
    void anExistingTokenIsReadAsIsWithItsPermissionsUntouched() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "my-own-token-1234567890\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals("my-own-token-1234567890", TokenFile.readOrCreate(file));
        assertTrue(PrivateFiles.openToOthers(file));
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(file));
    }

    @Test
    void anEmptyOrShortTokenFileIsRefusedWithWhatToDo() throws Exception {
        for (String content : List.of("", "\n", "short", "has spaces in the middle of it")) {
            Path file = dir.resolve("token");
            Files.writeString(file, content);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> TokenFile.readOrCreate(file));
            assertTrue(e.getMessage().contains("delete it and restart"), e.getMessage());
        }
    }
}
