package io.browserhub.browser;

import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.impl.driver.jar.DriverJar;
import io.browserhub.files.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * Unpacks the Playwright driver (Node.js + the Playwright server, ~134 MB) once per version into the data
 * directory and points every Playwright instance at it, instead of a fresh temp copy per hub start.
 */
public final class PlaywrightDriver {

    private static final Logger LOG = Logger.getLogger(PlaywrightDriver.class);
    private static final String CLI_DIR_PROPERTY = "playwright.cli.dir";
    private static final String COMPLETE_MARKER = ".installed";

    private PlaywrightDriver() {
    }

    /** The Playwright Java version on the class path, e.g. "1.62.0". */
    public static String version() {
        try (InputStream in = Playwright.class.getResourceAsStream("/META-INF/maven/com.microsoft.playwright/playwright/pom.properties")) {
            if (in != null) {
                Properties props = new Properties();
                props.load(in);
                return props.getProperty("version", "unknown");
            }
        } catch (IOException ignored) {
            // fall through to the manifest
        }
        String version = Playwright.class.getPackage().getImplementationVersion();
        return version != null ? version : "unknown";
    }

    /**
     * Makes sure the driver of this Playwright version is unpacked under {@code driversDir} and selects it
     * for this JVM. Safe to call more than once; returns the driver directory.
     */
    public static synchronized Path install(Path driversDir) throws IOException {
        String preset = System.getProperty(CLI_DIR_PROPERTY);
        if (preset != null) {
            return Path.of(preset);
        }
        Path dir = driversDir.resolve(version());
        if (!Files.exists(dir.resolve(COMPLETE_MARKER))) {
            long t0 = System.nanoTime();
            LOG.infof("Unpacking the Playwright %s driver into %s (once per version)...", version(), dir);
            PrivateFiles.directories(driversDir);
            Path tmp = Files.createTempDirectory(driversDir, ".unpacking-");
            try {
                DriverJar.installDriverTo(tmp);
                Files.writeString(tmp.resolve(COMPLETE_MARKER), version());
                if (Files.exists(dir)) {
                    Files.move(dir, driversDir.resolve(".stale-" + System.nanoTime()));
                }
                Files.move(tmp, dir);
            } catch (java.net.URISyntaxException e) {
                throw new IOException("Cannot locate the Playwright driver in the class path", e);
            } finally {
                FileTrees.deleteQuietly(tmp);
            }
            LOG.infof("Playwright driver unpacked in %d ms", (System.nanoTime() - t0) / 1_000_000);
        }
        cleanStale(driversDir);
        System.setProperty(CLI_DIR_PROPERTY, dir.toString());
        return dir;
    }

    private static void cleanStale(Path driversDir) throws IOException {
        try (var entries = Files.list(driversDir)) {
            entries.filter(p -> p.getFileName().toString().startsWith(".stale-") || p.getFileName().toString().startsWith(".unpacking-"))
                    .forEach(FileTrees::deleteQuietly);
        }
    }
}
