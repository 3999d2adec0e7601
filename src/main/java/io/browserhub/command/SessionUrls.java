package io.browserhub.command;

/** Addresses of a session that doors outside the method table serve, for SessionInfo (the CDP door's cdpUrl). */
public interface SessionUrls {

    /** ws://host:port/cdp/{session}, or null when the hub runs without the CDP door. */
    String cdpUrl(String sessionId);
}
