package io.browserhub.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.impl.driver.jar.DriverJar;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A native build made with -Dbrowserhub.driver.node=machine packs Playwright's server without Node.js: the hub then
 * runs the machine's Node.js. Checked here with the same archive shape, unpacked by the same code.
 */
class MachineNodeTest {

    @TempDir
    Path tmp;

    @Test
    void aDriverPackedWithoutNodeRunsPlaywrightsServerOnTheMachinesNode() throws Exception {
        Path full = tmp.resolve("full");
        DriverJar.installDriverTo(full);
        byte[] withoutNode = zipUnder(full, "package");
        String before = System.getProperty("playwright.cli.dir");
        try {
            Path dir = PlaywrightDriver.install(tmp.resolve("drivers"), () -> Optional.of(new ByteArrayInputStream(withoutNode)));
            assertTrue(Files.isRegularFile(dir.resolve("package/cli.js")));
            assertFalse(Files.exists(dir.resolve("node")), "no Node.js of its own");
            String node = PlaywrightDriver.environment().get("PLAYWRIGHT_NODEJS_PATH");
            assertEquals(Machine.current().onPath("node").map(Path::toString).orElse("none"), node, "the first node on the PATH");

            Process cli = new ProcessBuilder(node, dir.resolve("package/cli.js").toString(), "--version").redirectErrorStream(true).start();
            String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(cli.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, cli.exitValue(), out);
            assertTrue(out.startsWith("Version 1."), "Playwright's server runs on it: " + out);
        } finally {
            if (before == null) {
                System.clearProperty("playwright.cli.dir");
            } else {
                System.setProperty("playwright.cli.dir", before);
            }
        }
    }

    private static byte[] zipUnder(Path root, String folder) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(root.resolve(folder))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new ZipEntry(root.relativize(f).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
