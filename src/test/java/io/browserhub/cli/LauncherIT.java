package io.browserhub.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * target/browserhub running the hub (JVM form): the first start after a build rehearses a start to record a class
 * data sharing archive, and the hub it then starts, like every later one, loads its classes from that archive.
 */
class LauncherIT {

    private static final String RECORDING = "recording a faster start";

    @TempDir
    Path tmp;

    @Test
    void theFirstStartAfterABuildRecordsAClassArchiveThatLaterStartsLoadFrom() throws Exception {
        assumeTrue(HubProcess.packaged().getFileName().toString().endsWith(".jar"), "the launcher runs the JVM form; this run tests the native one");
        Path build = Files.createDirectories(tmp.resolve("target"));
        Path launcher = HubProcess.launcherIn(build);
        Path classes = tmp.resolve("classes.log");

        String first = serve(launcher, classes);
        assertTrue(first.contains(RECORDING), first);
        Path archive = build.resolve("browserhub-serve.jsa");
        assertTrue(Files.size(archive) > 1_000_000, "an archive of the hub's classes: " + Files.size(archive) + " bytes");
        assertFalse(Files.exists(build.resolve("browserhub-serve.jsa.failed")), "the rehearsal did not fail");

        String second = serve(launcher, classes);
        assertFalse(second.contains(RECORDING), "recorded once per build:\n" + second);
        String loaded = Files.readString(classes);
        for (String hubClass : new String[] {"io.browserhub.cli.ServeCommand", "io.browserhub.session.SessionRegistry", "io.browserhub.rpc.JsonRpc"}) {
            assertTrue(loaded.contains(hubClass + " source: shared objects file (top)"), hubClass + " from the archive:\n"
                    + loaded.lines().filter(line -> line.contains(hubClass)).toList());
        }
    }

    /** Starts the hub through the launcher, waits for its banner, calls it once, stops it; the output until the banner. */
    private String serve(Path launcher, Path classLog) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "serve", "--port", String.valueOf(port),
                "--data-dir", tmp.resolve("data").toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("BROWSERHUB_"));
        builder.environment().put("BROWSERHUB_JAVA_OPTS", "-Dbrowserhub.auth.token=" + HubProcess.TOKEN + " -Xlog:class+load:file=" + classLog);
        try (Cli.Following hub = new Cli.Following(builder.start())) {
            hub.awaitLine("open the dashboard", Duration.ofSeconds(120));
            try (RpcClient client = RpcClient.connect(URI.create("http://127.0.0.1:" + port + "/"), Map.of("Authorization", "Bearer " + HubProcess.TOKEN))) {
                assertTrue(client.call("hub.info").has("uptimeMs"));
            }
            return hub.seen();
        }
    }
}
