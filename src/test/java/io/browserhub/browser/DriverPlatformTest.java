package io.browserhub.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Node.js a build packs, and how the packed driver comes out again. */
class DriverPlatformTest {

    @TempDir
    Path dir;

    @Test
    void eachOperatingSystemAndArchitectureHasItsPlaywrightFolder() {
        assertEquals("linux", DriverPlatform.of("Linux", "amd64").folder());
        assertEquals("linux-arm64", DriverPlatform.of("Linux", "aarch64").folder());
        assertEquals("mac", DriverPlatform.of("Mac OS X", "x86_64").folder());
        assertEquals("mac-arm64", DriverPlatform.of("Mac OS X", "aarch64").folder());
        assertEquals("win32_x64", DriverPlatform.of("Windows 11", "amd64").folder());
        assertEquals("node.exe", DriverPlatform.of("Windows 11", "amd64").node());
        assertEquals("node", DriverPlatform.of("Mac OS X", "aarch64").node());
        assertThrows(IllegalStateException.class, () -> DriverPlatform.of("SunOS", "sparcv9"));
    }

    @Test
    void thePackedDriverUnpacksWithARunnableNode() throws IOException {
        byte[] archive = zip("node", "#!/bin/sh\n", "package/cli.js", "// cli", "package/lib/server.js", "// server");
        EmbeddedDriver.unpack(new ByteArrayInputStream(archive), dir);
        assertEquals("// cli", Files.readString(dir.resolve("package/cli.js")));
        assertTrue(Files.isExecutable(dir.resolve("node")));
        assertEquals(dir.resolve("node"), EmbeddedDriver.bundledNode(dir).orElseThrow());
    }

    @Test
    void aDriverPackedWithoutNodeSaysSoAndNothingEscapesItsFolder() throws IOException {
        EmbeddedDriver.unpack(new ByteArrayInputStream(zip("package/cli.js", "// cli")), dir);
        assertTrue(EmbeddedDriver.bundledNode(dir).isEmpty(), "the machine's Node.js is used then");
        byte[] evil = zip("../outside.txt", "x");
        assertThrows(IOException.class, () -> EmbeddedDriver.unpack(new ByteArrayInputStream(evil), dir.resolve("d")));
        assertTrue(Files.notExists(dir.resolve("outside.txt")));
    }

    @Test
    void nodeVersionsAreReadFromWhatNodePrints() {
        assertEquals(20, PlaywrightDriver.parseMajor("v20.19.2\n"));
        assertEquals(22, PlaywrightDriver.parseMajor("v22.1.0"));
        assertEquals(0, PlaywrightDriver.parseMajor("command not found"));
    }

    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
