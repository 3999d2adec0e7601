package io.browserhub.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code browserhub}: the hub when run alone, else one of its commands. A client command is one class, named in
 * {@link #COMMANDS}; the doors that come with endpoints of their own (mcp, extension) are added the same way, on top
 * of {@link HubOptions} and {@link HubClient}.
 */
@Command(name = "browserhub", versionProvider = Version.class, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Long-lived browser sessions shared by AI agents and people.",
                "Without a command: runs the hub, the same as `browserhub serve`."},
        footer = {"", "Client commands find the hub at --url or $BROWSERHUB_URL",
                "(default " + HubOptions.DEFAULT_URL + "), its token at --token or $BROWSERHUB_TOKEN,",
                "else in <data-dir>/token (--data-dir or $BROWSERHUB_DATA_DIR,",
                "default ~/.browserhub).",
                "Exit codes: 0 ok, 1 the call failed, 2 usage error,",
                "3 hub not reachable or token refused.",
                "`browserhub COMMAND --help` tells more."})
public final class BrowserhubCommand implements Callable<Integer> {

    /**
     * Every command by name, in the order help lists them. Picocli builds a command's model by reflection, some
     * 10-20 ms per command at a cold start, so a run builds only the command it was given.
     */
    private static final List<Map.Entry<String, Class<?>>> COMMANDS = List.of(
            Map.entry(ServeCommand.NAME, ServeCommand.class),
            Map.entry("sessions", SessionsCommand.class),
            Map.entry("open", OpenCommand.class),
            Map.entry("stop", StopCommand.class),
            Map.entry("delete", DeleteCommand.class),
            Map.entry("call", CallCommand.class),
            Map.entry("screenshot", ScreenshotCommand.class),
            Map.entry("logs", LogsCommand.class),
            Map.entry("token", TokenCommand.class),
            Map.entry("url", UrlCommand.class),
            Map.entry("mcp", McpCommand.class),
            Map.entry("extension", ExtensionCommand.class));

    /** The one serve command: run by `browserhub serve` and by `browserhub` alone. */
    final ServeCommand serve = new ServeCommand();

    /**
     * The command line for these arguments, with the exit codes of PROTOCOL.md. Given a command's name, only that
     * command is built; otherwise (help, the completion script, an unknown command) all of them are.
     */
    static CommandLine commandLine(BrowserhubCommand browserhub, String... args) {
        CommandLine cli = new CommandLine(browserhub, new Factory(browserhub));
        String named = args.length > 0 ? args[0] : "";
        if (args.length == 0) {
            // `browserhub` alone runs the hub: no subcommand to look up, so none is built (part of the hub's start)
            return cli.setExecutionExceptionHandler(CliFailure::handle);
        }
        if (COMMANDS.stream().anyMatch(c -> c.getKey().equals(named))) {
            COMMANDS.stream().filter(c -> c.getKey().equals(named)).forEach(c -> cli.addSubcommand(c.getKey(), c.getValue()));
        } else {
            COMMANDS.forEach(c -> cli.addSubcommand(c.getKey(), c.getValue()));
            CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
            completion.getCommandSpec().usageMessage().description("Prints a bash/zsh completion script.", "Use: source <(browserhub completion)");
            cli.addSubcommand("completion", completion);
        }
        // usage errors exit with picocli's own CommandLine.ExitCode.USAGE, which is ExitCodes.USAGE (2)
        cli.setExecutionExceptionHandler(CliFailure::handle);
        return cli;
    }

    @Override
    public Integer call() {
        return serve.call();
    }

    /** Hands picocli the same ServeCommand that `browserhub` alone runs; every other command is created as usual. */
    private record Factory(BrowserhubCommand browserhub) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == ServeCommand.class) {
                return type.cast(browserhub.serve);
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
