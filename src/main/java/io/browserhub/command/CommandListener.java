package io.browserhub.command;

/** Hears about every finished command (journal, metrics, log line); must return quickly and never throw. */
public interface CommandListener {

    void finished(CommandOutcome outcome);

    /**
     * Whether it must hear the command at once, on the thread that finished it: the journal, whose entries keep their
     * place among the session's page events. The others (metrics, the log line) hear it a moment later on the hub's
     * bookkeeping thread, in the same order, so that they never delay the session's next command.
     */
    default boolean inline() {
        return false;
    }
}
