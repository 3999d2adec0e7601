package io.browserhub.cli;

import io.quarkus.runtime.Quarkus;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
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

    static final String NAME = "serve";
    static final String DATA_DIR = "--data-dir";
    static final String PORT = "--port";
    static final String REHEARSE = "--rehearse";
    /** A port as picocli reads it the same (no sign, no leading zero, which it would take for octal) and in range of int. */
    private static final Pattern PLAIN_PORT = Pattern.compile("0|[1-9][0-9]{0,8}");

    @Option(names = DATA_DIR, paramLabel = "DIR",
            description = "Data directory: token, sessions, profiles, logs (browserhub.data-dir; default ~/.browserhub).")
    Path dataDir;

    @Option(names = PORT, paramLabel = "PORT", description = "Port on 127.0.0.1 (quarkus.http.port; default 9333).")
    Integer port;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** For the launcher: start, ask what a first client asks, stop ({@link StartRehearsal}). */
    @Option(names = REHEARSE, hidden = true)
    boolean rehearse;

    private boolean ran;

    /**
     * Takes the arguments of {@code browserhub} alone or {@code browserhub serve} with only this command's own
     * options, each once, in the forms {@code --port 9333}, {@code --port=9333} (the same for --data-dir) and
     * {@code --rehearse}, the way picocli would (ServeArgumentsTest holds the two side by side), and returns true;
     * for anything else (help, a mistake to report, another command) it sets nothing and returns false, and picocli
     * reads them. Picocli's classes are Java 5 bytecode, which no class data sharing archive stores and which the
     * JVM verifies the slow way: reading a hub's arguments with it cost ~0.2 s of each start (docs/benchmarks.md,
     * row 6).
     */
    boolean readPlainly(String... args) {
        if (args.length == 0) {
            return true;
        }
        if (!args[0].equals(NAME)) {
            return false;
        }
        String dir = null;
        String portText = null;
        boolean rehearsal = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (name.equals(REHEARSE) && arg.equals(name) && !rehearsal) {
                rehearsal = true;
                continue;
            } else if (!name.equals(DATA_DIR) && !name.equals(PORT)) {
                return false;
            } else if (!arg.equals(name)) {
                value = arg.substring(name.length() + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return false;
            }
            if (value.isEmpty() || value.startsWith("-")) {
                return false;
            }
            if (name.equals(DATA_DIR) && dir == null) {
                dir = value;
            } else if (name.equals(PORT) && portText == null && PLAIN_PORT.matcher(value).matches()) {
                portText = value;
            } else {
                return false;
            }
        }
        if (rehearsal && dir == null) {
            return false;
        }
        Path path;
        try {
            path = dir == null ? null : Path.of(dir);
        } catch (InvalidPathException e) {
            return false;
        }
        dataDir = path;
        port = portText == null ? null : Integer.valueOf(portText);
        rehearse = rehearsal;
        return true;
    }

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
