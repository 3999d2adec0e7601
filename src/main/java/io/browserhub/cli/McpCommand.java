package io.browserhub.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code browserhub mcp}: an MCP server over stdio for hosts that start their servers as commands. It forwards every
 * message to the hub's /mcp (Streamable HTTP) and writes the answers back, so the tools, sessions, leases and the
 * activity log are the hub's own. stdout carries the protocol and nothing else; what a person should read goes to
 * stderr. When no hub answers at the default address, it starts one in the background.
 */
@Command(name = "mcp", sortOptions = false,
        description = {"An MCP server over stdio, forwarding to the hub's /mcp (for MCP hosts:",
                "\"command\": \"browserhub\", \"args\": [\"mcp\", \"--session\", \"work\"]).",
                "Starts a hub in the background when none answers at the default address."})
final class McpCommand extends ClientCommand {

    @Option(names = "--session", paramLabel = "ID", order = 1,
            description = "The session browser tools address by default (default: \"default\"); ensured on first use.")
    String session;

    @Option(names = "--own-tab", order = 2,
            description = "Work in a tab of your own in the session, leased to you (several agents on one profile).")
    boolean ownTab;

    @Option(names = "--no-start", order = 3, description = "Fail (exit 3) instead of starting a hub when none answers.")
    boolean noStart;

    @Override
    void run() {
        URI base = hub.baseUri();
        if (!HubStarter.answers(base)) {
            if (noStart || !HubStarter.isDefaultAddress(base, hub)) {
                throw CliFailure.hubUnavailable("No hub answers at " + base + ". Start one with `browserhub serve`"
                        + (noStart ? "" : ", or point --url / $BROWSERHUB_URL at yours") + ".");
            }
            HubStarter.start(hub, base, System.err);
        }
        String query = "?session=" + (session == null ? "default" : session) + (ownTab ? "&tab=own" : "");
        McpBridge bridge = new McpBridge(URI.create(base + "/mcp" + query), hub.credential(), System.err);
        try {
            bridge.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    new PrintStream(System.out, false, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CliFailure.hubUnavailable("The MCP connection to " + base + " broke: " + e.getMessage());
        }
    }

    /** Finding and starting the hub for an MCP host that started only this command. */
    static final class HubStarter {

        private static final long READY_PATIENCE_MS = 60_000;

        private HubStarter() {
        }

        /** Whether a hub's liveness endpoint (open without a token) answers at all. */
        static boolean answers(URI base) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(base + "/q/health/live").toURL().openConnection();
                c.setConnectTimeout(2000);
                c.setReadTimeout(5000);
                int status = c.getResponseCode();
                c.disconnect();
                return status < 500 || status == 503;
            } catch (IOException e) {
                return false;
            }
        }

        /** A hub is started only for the address this machine's own hub would have, never for a remote one. */
        static boolean isDefaultAddress(URI base, HubOptions hub) {
            return base.toString().equals(HubOptions.DEFAULT_URL);
        }

        /**
         * Starts `browserhub serve` as a process of its own (this same executable or jar), its output in
         * <data-dir>/hub.log, and waits until it answers. Says so on stderr; stdout stays the protocol's.
         */
        static void start(HubOptions hub, URI base, PrintStream err) {
            Path dataDir = hub.dataDir();
            Path log = dataDir.resolve("hub.log");
            List<String> command = new ArrayList<>(selfCommand());
            command.add("serve");
            command.add("--data-dir");
            command.add(dataDir.toString());
            try {
                Files.createDirectories(dataDir);
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                err.println("browserhub: no hub answered at " + base + "; started one in the background (pid " + process.pid()
                        + ", log " + log + "). It keeps running after this MCP server ends; stop it with Ctrl+C in its terminal"
                        + " or `kill " + process.pid() + "`.");
                process.getOutputStream().close();
            } catch (IOException e) {
                throw CliFailure.hubUnavailable("No hub answers at " + base + ", and starting one failed: " + e.getMessage()
                        + ". Start one with `browserhub serve`.");
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_PATIENCE_MS);
            while (!answers(base)) {
                if (System.nanoTime() > deadline) {
                    throw CliFailure.hubUnavailable("The hub started in the background did not answer at " + base + " within "
                            + READY_PATIENCE_MS / 1000 + " s; its log is " + log + ".");
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw CliFailure.hubUnavailable("Interrupted while the hub started.");
                }
            }
        }

        /** How this process was started, up to its command: the native executable, or java [options] -jar the.jar. */
        private static List<String> selfCommand() {
            ProcessHandle.Info info = ProcessHandle.current().info();
            String executable = info.command().orElse("browserhub");
            String[] args = info.arguments().orElse(new String[0]);
            List<String> command = new ArrayList<>();
            command.add(executable);
            for (int i = 0; i < args.length; i++) {
                command.add(args[i]);
                if (args[i].equals("-jar") && i + 1 < args.length) {
                    command.add(args[i + 1]);
                    return command;
                }
            }
            return List.of(executable); // the native executable: its arguments are the command's own
        }
    }
}
