package io.browserhub.session;

import java.util.concurrent.CompletableFuture;

/** A queued unit of work for an actor, with the future its caller waits on. */
final class Task<T> {

    final SessionWork<T> work;
    final CompletableFuture<T> future = new CompletableFuture<>();
    /** Runs even while the current command is blocked on the page (answering a dialog, say). */
    final boolean interrupting;
    /** How long the work may run before the page counts as stuck; 0 = no limit. */
    final long limitMs;

    Task(SessionWork<T> work, boolean interrupting, long limitMs) {
        this.work = work;
        this.interrupting = interrupting;
        this.limitMs = limitMs;
    }
}
