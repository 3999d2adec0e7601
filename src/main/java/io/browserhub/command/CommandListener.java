package io.browserhub.command;

/** Hears about every finished command (journal, metrics, log line); must return quickly and never throw. */
public interface CommandListener {
    void finished(CommandOutcome outcome);
}
