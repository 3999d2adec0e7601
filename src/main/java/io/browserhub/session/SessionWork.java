package io.browserhub.session;

/** A piece of work that runs on a session's actor thread, with its browser at hand. */
@FunctionalInterface
public interface SessionWork<T> {
    T run(LiveSession live) throws Exception;
}
