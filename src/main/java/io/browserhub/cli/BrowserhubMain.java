package io.browserhub.cli;

import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The executable's entry, for the JVM jar, the native executable and {@code quarkus:dev} alike. The command line is
 * read before Quarkus starts (the hub's own options plainly, everything else by picocli): {@code browserhub} alone or
 * {@code browserhub serve} boots the hub; every other command is a plain client of a running hub and never boots
 * Quarkus (no data directory lock, no driver, no browser, no HTTP server), so it starts in a fraction of a second.
 */
@QuarkusMain
public final class BrowserhubMain {

    public static void main(String... args) {
        BrowserhubCommand browserhub = new BrowserhubCommand();
        if (browserhub.serve.readPlainly(args)) {
            // the hub's start, without picocli's model of the command line (ServeCommand.readPlainly says why)
            browserhub.serve.call();
            return;
        }
        int code = BrowserhubCommand.commandLine(browserhub, args).execute(args);
        if (browserhub.serve.ranTheHub()) {
            // Quarkus ran in this thread and owns the exit: a production run has exited already (or is exiting on a
            // signal, when a System.exit here would block forever), and quarkus:dev runs main again on a restart.
            return;
        }
        System.exit(code);
    }
}
