package io.browserhub.mcp;

import io.vertx.core.MultiMap;

/**
 * What an MCP host says about its connection in the endpoint URL, e.g. http://127.0.0.1:9333/mcp?session=work&tab=own:
 * the session its browser tools address by default, and whether it works in a tab of its own there (leased to it, so
 * that several agents share one logged-in session without trampling each other).
 */
record ConnectionOptions(String session, boolean ownTab) {

    static final String DEFAULT_SESSION = "default";
    static final ConnectionOptions DEFAULT = new ConnectionOptions(DEFAULT_SESSION, false);

    static ConnectionOptions of(MultiMap query) {
        String session = query.get("session");
        return new ConnectionOptions(session == null || session.isBlank() ? DEFAULT_SESSION : session.strip(),
                "own".equals(query.get("tab")));
    }
}
