package io.browserhub.session;

import java.util.concurrent.CompletableFuture;

/** A queued unit of work for an actor, with the future its caller waits on. */
final class Task<T> {

    final SessionWork<T> work;
    final WorkOptions options;
    final CompletableFuture<T> future = new CompletableFuture<>();
    /** The tab it addresses, resolved when the actor first looks at it; null: no one tab (tab.list, the hub's own work). */
    String tabKey;
    /** While it waits for something in the page: what it waits for, and when to look again. */
    Later<T> later;
    long pollAtNanos;
    /**
     * Set by the watchdog before it ends the browser under a command past its limit: the command's answer, whichever
     * thread gets to answer first (the actor may notice the loss before the watchdog answers).
     */
    volatile Throwable overdue;

    Task(SessionWork<T> work, WorkOptions options) {
        this.work = work;
        this.options = options;
    }

    boolean interrupting() {
        return options.interrupting();
    }
}
