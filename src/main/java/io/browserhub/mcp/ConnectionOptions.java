package io.browserhub.mcp;

import io.vertx.core.MultiMap;

/**
 * What an MCP host says about its connection in the endpoint URL, e.g. http://127.0.0.1:9333/mcp?session=work:
 * the session its browser tools address by default.
 */
record ConnectionOptions(String session) {

    static final String DEFAULT_SESSION = "default";
    static final ConnectionOptions DEFAULT = new ConnectionOptions(DEFAULT_SESSION);

    static ConnectionOptions of(MultiMap query) {
        String session = query.get("session");
        return new ConnectionOptions(session == null || session.isBlank() ? DEFAULT_SESSION : session.strip());
    }
}
