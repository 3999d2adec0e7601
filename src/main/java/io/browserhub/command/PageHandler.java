package io.browserhub.command;

import io.browserhub.session.LiveSession;

/** A method that works on a session's browser; runs on the session's actor thread. */
@FunctionalInterface
public interface PageHandler {
    Object handle(LiveSession live, Params params) throws Exception;
}
