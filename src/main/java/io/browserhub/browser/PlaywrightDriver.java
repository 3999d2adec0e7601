package io.browserhub.browser;

import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.impl.driver.jar.DriverJar;
import io.browserhub.files.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Unpacks the Playwright driver (Node.js + the Playwright server, ~140 MB) once per version into the data
 * directory and points every Playwright instance at it, instead of a fresh temp copy per hub start. A JVM build takes
 * it from Playwright's driver jars, a native executable from its {@link EmbeddedDriver}. A driver without its own
 * Node.js (a native build made with the machine's Node.js) runs the first {@code node} on the PATH.
 */
public final class PlaywrightDriver {

    private static final Logger LOG = Logger.getLogger(PlaywrightDriver.class);
    private static final String CLI_DIR_PROPERTY = "playwright.cli.dir";
    private static final String COMPLETE_MARKER = ".installed";
    private static final String NODE_PATH_ENV = "PLAYWRIGHT_NODEJS_PATH";
    /** The oldest Node.js Playwright's server runs on ("engines" of its package.json). */
    static final int MIN_NODE_MAJOR = 20;

    private static volatile Map<String, String> environment = Map.of();

    private PlaywrightDriver() {
    }

    /**
     * A Playwright (its own driver process) for one session's actor thread. The driver and the browsers it launches
     * keep their temporary files in {@code tempDir}, where the hub can clean them up.
     */
    public static Playwright start(Path tempDir) {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "TMPDIR", tempDir.toString())));
    }

    /**
     * Closes a Playwright and its driver when the session is over or its start failed: a failure to close is never the
     * news (the browser or the driver may already be gone), so it is logged at debug level and not thrown.
     */
    public static void closeQuietly(Playwright playwright) {
        try {
            playwright.close();
        } catch (RuntimeException e) {
            LOG.debugf("Closing Playwright: %s", e.getMessage());
        }
    }

    /**
     * The driver process of a Playwright, read from its internals (PlaywrightImpl.driverProcess): what to end when a
     * call waits on a driver that hangs. Empty when Playwright's internals changed shape.
     */
    public static Optional<ProcessHandle> process(Playwright playwright) {
        try {
            java.lang.reflect.Field field = playwright.getClass().getDeclaredField("driverProcess");
            field.setAccessible(true);
            return Optional.ofNullable((Process) field.get(playwright)).map(Process::toHandle);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("Cannot see the Playwright driver's process: %s", e.toString());
            return Optional.empty();
        }
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
        return install(driversDir, EmbeddedDriver::open);
    }

    /** As {@link #install(Path)}, from this archive when it gives one; whatever was selected before. */
    static synchronized Path install(Path driversDir, Supplier<Optional<InputStream>> packed) throws IOException {
        Path dir = driversDir.resolve(version());
        if (!Files.exists(dir.resolve(COMPLETE_MARKER))) {
            long t0 = System.nanoTime();
            LOG.infof("Unpacking the Playwright %s driver into %s (once per version)...", version(), dir);
            PrivateFiles.directories(driversDir);
            Path tmp = Files.createTempDirectory(driversDir, ".unpacking-");
            try {
                Optional<InputStream> embedded = packed.get();
                if (embedded.isPresent()) {
                    try (InputStream archive = embedded.get()) {
                        EmbeddedDriver.unpack(archive, tmp);
                    }
                } else {
                    DriverJar.installDriverTo(tmp);
                }
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
        environment = EmbeddedDriver.bundledNode(dir).isPresent() ? Map.of() : Map.of(NODE_PATH_ENV, machineNode().toString());
        return dir;
    }

    /** What every Playwright.create must add to its environment for this driver: the machine's Node.js when it has none. */
    public static Map<String, String> environment() {
        return environment;
    }

    private static Path machineNode() throws IOException {
        Machine machine = Machine.current();
        Path node = machine.onPath("node").orElseThrow(() -> new IOException("This browserhub was built without Node.js and"
                + " found none on the PATH: install Node.js " + MIN_NODE_MAJOR + " or newer (https://nodejs.org), or use a"
                + " browserhub build that includes it."));
        int major = nodeMajor(node);
        if (major < MIN_NODE_MAJOR) {
            throw new IOException("Node.js at " + node + " is version " + major + "; Playwright needs " + MIN_NODE_MAJOR
                    + " or newer: update it, or put a newer one first on the PATH.");
        }
        LOG.infof("Playwright driver runs on the machine's Node.js %d: %s", major, node);
        return node;
    }

    /** The major version `node --version` prints ("v20.19.2" -> 20); 0 when it cannot tell. */
    private static int nodeMajor(Path node) throws IOException {
        try {
            Process p = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return parseMajor(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static int parseMajor(String version) {
        Matcher m = Pattern.compile("^v?(\\d+)\\.").matcher(version.strip());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static void cleanStale(Path driversDir) throws IOException {
        try (var entries = Files.list(driversDir)) {
            entries.filter(p -> p.getFileName().toString().startsWith(".stale-") || p.getFileName().toString().startsWith(".unpacking-"))
                    .forEach(FileTrees::deleteQuietly);
        }
    }
}
