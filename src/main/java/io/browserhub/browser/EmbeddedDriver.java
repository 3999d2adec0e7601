package io.browserhub.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Playwright driver inside a native executable: one zip resource holding {@code package/} (Playwright's server,
 * ~13 MB, 3 MB packed) and, unless the build left it out, this platform's {@code node} (~126 MB, ~44 MB packed).
 * The native build writes it ({@code nativeimage/NativeSupport}); {@link PlaywrightDriver} unpacks it once per
 * version into the data directory. Playwright's own driver jars hold the same files uncompressed, for every platform:
 * a JVM build reads those instead.
 */
public final class EmbeddedDriver {

    /** The resource's name; the native build stores the archive under it. */
    public static final String RESOURCE = "io/browserhub/browser/playwright-driver.zip";

    private EmbeddedDriver() {
    }

    /** The archive when this executable has one (native builds), else empty (JVM builds use Playwright's jars). */
    static Optional<InputStream> open() {
        return Optional.ofNullable(EmbeddedDriver.class.getClassLoader().getResourceAsStream(RESOURCE));
    }

    /** Writes the archive's files under {@code dir}, keeping Node.js executable. */
    static void unpack(InputStream archive, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        try (ZipInputStream zip = new ZipInputStream(archive)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("The embedded driver names a file outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    zip.transferTo(out);
                }
                if (isNode(target.getFileName().toString())) {
                    target.toFile().setExecutable(true, true);
                }
            }
        }
    }

    /** Whether a driver folder holds its own Node.js (a build may leave it out and use the machine's). */
    static Optional<Path> bundledNode(Path driverDir) {
        for (DriverPlatform platform : DriverPlatform.values()) {
            Path node = driverDir.resolve(platform.node());
            if (Files.isRegularFile(node)) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    private static boolean isNode(String fileName) {
        return fileName.equals("node") || fileName.equals("node.exe");
    }
}
