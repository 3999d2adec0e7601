package io.browserhub.cli;

import io.quarkus.runtime.Quarkus;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code browserhub serve}: boots Quarkus, i.e. the hub (HTTP server, data directory lock, driver, sessions).
 * Its options are shorthands for configuration keys; every key also works as -D or environment variable.
 */
@Command(sortOptions = false,
        description = {"Runs the hub and prints the dashboard link (with its token).",
                "Configuration: the README's table; every key is also a -D system property",
                "or an environment variable (browserhub.data-dir: BROWSERHUB_DATA_DIR)."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory: token, sessions, profiles, logs (browserhub.data-dir; default ~/.browserhub).")
    Path dataDir;

    @Option(names = "--port", paramLabel = "PORT", description = "Port on 127.0.0.1 (quarkus.http.port; default 9333).")
    Integer port;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** For the launcher: start, ask what a first client asks, stop ({@link StartRehearsal}). */
    @Option(names = "--rehearse", hidden = true)
    boolean rehearse;

    private boolean ran;

    @Override
    public Integer call() {
        if (dataDir != null) {
            System.setProperty("browserhub.data-dir", dataDir.toAbsolutePath().toString());
        }
        if (port != null) {
            System.setProperty("quarkus.http.port", port.toString());
        }
        if (rehearse) {
            if (dataDir == null) {
                throw new IllegalArgumentException("--rehearse needs --data-dir: a scratch directory, never the hub's own");
            }
            StartRehearsal.requested = true;
            System.setProperty("browserhub.auth.token", UUID.randomUUID().toString().replace("-", ""));
            System.setProperty("quarkus.http.port", "0");
            // the same classes at every rehearsal: no driver started ahead of time by a timer while it runs
            System.setProperty("browserhub.browser.spare-driver", "false");
        }
        ran = true;
        // returns when the hub has stopped (in production Quarkus' own exit handler ends the JVM first)
        Quarkus.run();
        return ExitCodes.OK;
    }

    /** Whether Quarkus ran (and so decides how the JVM exits). */
    boolean ranTheHub() {
        return ran;
    }
}
