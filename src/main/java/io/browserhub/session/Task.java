package io.browserhub.session;

import java.util.concurrent.CompletableFuture;

/** A queued unit of work for an actor, with the future its caller waits on. */
final class Task<T> {

    final SessionWork<T> work;
    final WorkOptions options;
    final CompletableFuture<T> future = new CompletableFuture<>();

    Task(SessionWork<T> work, WorkOptions options) {
        this.work = work;
        this.options = options;
    }

    boolean interrupting() {
        return options.interrupting();
    }
}
