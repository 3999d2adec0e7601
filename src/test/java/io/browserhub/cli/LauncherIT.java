package io.browserhub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * target/browserhub running the hub (JVM form): the first start after a build, or with another JVM, rehearses a start
 * to record an archive of the hub's classes (an AOT cache on JDK 25 and newer, a class data sharing archive before),
 * and the hub it then starts, like every later one, loads its classes from that archive. A JVM that cannot record one
 * leaves the reason beside the build and starts the hub as it would without the archive. Client commands record a class
 * data sharing archive of their own. Each archive is recorded again by a JVM other than the one that recorded it.
 */
class LauncherIT {

    private static final String RECORDING = "recording a faster start";
    /** The JVM the launcher runs: the one running these tests, not whichever java comes first on the PATH. */
    private static final String JAVA = HubProcess.JAVA;

    @TempDir
    Path tmp;
    private Path build;
    private Path launcher;
    private Path archive;
    private Path failed;

    @BeforeEach
    void setUpBuild() throws IOException {
        assumeTrue(HubProcess.packaged().getFileName().toString().endsWith(".jar"), "the launcher runs the JVM form; this run tests the native one");
        build = Files.createDirectories(tmp.resolve("target"));
        launcher = HubProcess.launcherIn(build);
        archive = build.resolve("browserhub-serve.jsa");
        failed = build.resolve("browserhub-serve.jsa.failed");
    }

    @Test
    void theFirstStartAfterABuildRecordsAClassArchiveThatLaterStartsLoadFrom() throws Exception {
        assumeTrue(Runtime.version().feature() < 25, "this JVM records an AOT cache instead: the next test");
        // what the launcher does for the hub on this JVM: a static archive
        String refused = archiveRefusal("-XX:SharedArchiveFile=", "-Xshare:dump");
        assumeTrue(refused == null, () -> "this JVM records no static class archive (" + JAVA + "): " + refused);
        Path classes = tmp.resolve("classes.log");

        String first = serve(JAVA, "-Xlog:class+load:file=" + classes);
        assertTrue(first.contains(RECORDING), first);
        assertTrue(Files.exists(archive), () -> "no archive after the rehearsal; " + rehearsalOutput(failed));
        assertTrue(Files.size(archive) > 1_000_000, "an archive of the hub's classes: " + Files.size(archive) + " bytes");
        assertFalse(Files.exists(failed), () -> "the rehearsal did not fail; " + rehearsalOutput(failed));

        String second = serve(JAVA, "-Xlog:class+load:file=" + classes);
        assertFalse(second.contains(RECORDING), "recorded once per build:\n" + second);
        // a static archive: the JVM names it as it names its own, without the "(top)" of a dynamic one
        assertHubClassesFrom(classes, " source: shared objects file\n");
    }

    @Test
    void onJdk25AndNewerTheFirstStartRecordsAnAotCacheThatLaterStartsLoadFrom() throws Exception {
        String java = HubProcess.javaWithAotCache().orElse(null);
        assumeTrue(java != null, "no JDK 25 or newer on this machine");
        Path cache = build.resolve("browserhub-serve.aot");
        Path classes = tmp.resolve("classes.log");

        String first = serve(java, "-Xlog:class+load:file=" + classes);
        assertTrue(first.contains(RECORDING), first);
        assertTrue(Files.exists(cache) && Files.size(cache) > 1_000_000, () -> "an AOT cache of the hub's classes; "
                + rehearsalOutput(build.resolve("browserhub-serve.aot.failed")));
        assertEquals(java, Files.readString(build.resolve("browserhub-serve.aot.java")).trim(), "the JVM that recorded it");
        assertFalse(Files.exists(archive), "no class data sharing archive beside it");

        String second = serve(java, "-Xlog:class+load:file=" + classes);
        assertFalse(second.contains(RECORDING), "recorded once per build and JVM:\n" + second);
        assertHubClassesFrom(classes, " source: shared objects file");
    }

    @Test
    void aClientCommandRecordsAnArchiveOfItsOwnOncePerBuildAndJvm() throws Exception {
        // what the launcher does for a client command: a dynamic archive
        String refused = archiveRefusal("-XX:ArchiveClassesAtExit=");
        assumeTrue(refused == null, () -> "this JVM records no dynamic class archive (" + JAVA + "): " + refused);
        Path cliArchive = build.resolve("browserhub-cli.jsa");
        Path recorder = build.resolve("browserhub-cli.jsa.java");
        Path classes = tmp.resolve("cli-classes.log");
        String java = HubProcess.launcherName(JAVA);

        Cli.Run first = client("--version", "");
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(Files.exists(cliArchive) && Files.size(cliArchive) > 100_000, "an archive of the client's classes");
        assertEquals(java, Files.readString(recorder).trim(), "the JVM that recorded it");
        FileTime recorded = Files.getLastModifiedTime(cliArchive);

        Cli.Run second = client("--version", "-Xlog:class+load:file=" + classes);
        assertEquals(first.out(), second.out());
        assertEquals(recorded, Files.getLastModifiedTime(cliArchive), "recorded once");
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("io.browserhub.cli.BrowserhubMain source: shared objects file (top)"), () -> "the client's "
                + "classes from the archive: " + loaded.lines().filter(line -> line.contains("BrowserhubMain")).toList());

        // one another JVM recorded (which this JVM would ignore) is recorded again, by this one
        Files.writeString(recorder, "/opt/another-jdk/bin/java\n");
        assertEquals(0, client("--version", "").exitCode());
        assertEquals(java, Files.readString(recorder).trim());
        assertTrue(Files.getLastModifiedTime(cliArchive).compareTo(recorded) > 0, "recorded again");
    }

    /** The launcher running one client command with the tests' JVM and these JVM options. */
    private Cli.Run client(String command, String jvmOptions) throws Exception {
        return Cli.withEnv(Map.of("JAVA", JAVA, "BROWSERHUB_JAVA_OPTS", jvmOptions)).runCommand(List.of(launcher.toString(), command));
    }

    /** The hub's classes in that class-loading log came from where the JVM names the archive it started from. */
    private static void assertHubClassesFrom(Path classes, String source) throws IOException {
        String loaded = Files.readString(classes);
        for (String hubClass : new String[] {"io.browserhub.cli.ServeCommand", "io.browserhub.session.SessionRegistry", "io.browserhub.rpc.JsonRpc"}) {
            assertTrue(loaded.contains(hubClass + source), hubClass + " from the archive:\n"
                    + loaded.lines().filter(line -> line.contains(hubClass)).toList());
        }
    }

    /** A recording that fails (here the archive's dump cannot read its class list) is reported and not retried. */
    @Test
    void aRecordingThatFailsLeavesTheReasonAndTheHubStartsAnywayOncePerBuild() throws Exception {
        assumeTrue(Runtime.version().feature() < 25, "the failure made here is a class data sharing archive's");
        String noList = "-XX:SharedClassListFile=" + tmp.resolve("no-such-class-list");
        String first = serve(JAVA, noList);
        assertTrue(first.contains(RECORDING), first);
        assertFalse(Files.exists(archive), "no archive");
        assertTrue(Files.readString(failed).contains("Loading classlist failed"), () -> rehearsalOutput(failed));
        assertTrue(first.contains("could not record it (what the JVM said: " + failed + ")"), first);

        String second = serve(JAVA, noList);
        assertFalse(second.contains(RECORDING), "a failed recording is not retried for the same build:\n" + second);
    }

    /**
     * Starts the hub through the launcher with these JVM options, waits for its banner, calls it once, stops it; the
     * output until the banner.
     */
    private String serve(String java, String jvmOptions) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "serve", "--port", String.valueOf(port),
                "--data-dir", tmp.resolve("data").toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("BROWSERHUB_"));
        builder.environment().put("JAVA", java);
        builder.environment().put("BROWSERHUB_JAVA_OPTS", "-Dbrowserhub.auth.token=" + HubProcess.TOKEN + " " + jvmOptions);
        try (Cli.Following hub = new Cli.Following(builder.start())) {
            hub.awaitLine("open the dashboard", Duration.ofSeconds(120));
            try (RpcClient client = RpcClient.connect(URI.create("http://127.0.0.1:" + port + "/"), Map.of("Authorization", "Bearer " + HubProcess.TOKEN))) {
                assertTrue(client.call("hub.info").has("uptimeMs"));
            }
            return hub.seen();
        }
    }

    /** Why this JVM records no archive of a trivial run (at {@code pathOption}, with these other options), or null when it does. */
    private String archiveRefusal(String pathOption, String... otherOptions) throws Exception {
        Path probe = tmp.resolve("probe.jsa");
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(List.of(otherOptions));
        command.addAll(List.of(pathOption + probe, "-version"));
        Cli.Run java = Cli.withEnv(Map.of()).runCommand(command);
        return java.exitCode() == 0 && Files.exists(probe) && Files.size(probe) > 0 ? null : java.toString();
    }

    /** What the failed rehearsal printed, without the JVM's many lines about classes it skips; on one line. */
    private static String rehearsalOutput(Path failed) {
        if (!Files.exists(failed)) {
            return "and no " + failed.getFileName() + " either";
        }
        try {
            List<String> lines = Files.readAllLines(failed).stream()
                    .filter(line -> !line.contains("Skipping") && !line.contains("Pre JDK 6 class"))
                    .collect(Collectors.toList());
            return "the rehearsal's output (" + failed + "): " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "unreadable " + failed + ": " + e;
        }
    }
}
