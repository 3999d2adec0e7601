package io.browserhub.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that is a client of a running hub: it never boots Quarkus, and fails with a {@link CliFailure}. */
abstract class ClientCommand implements Callable<Integer> {

    @Mixin
    HubOptions hub;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 99, description = "Show this help and exit.")
    boolean help;

    @Override
    public final Integer call() {
        run();
        out().flush();
        return ExitCodes.OK;
    }

    abstract void run();

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
