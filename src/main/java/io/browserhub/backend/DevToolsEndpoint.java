package io.browserhub.backend;

/**
 * Where a running browser's own DevTools server listens: host, port, the path of its browser-level WebSocket, and a
 * path prefix for everything it serves ({@code /json/...}, {@code /devtools/page/...}): empty for Chromium, a secret
 * for the extension relay's server. Only the hub's CDP door connects to it; it is never handed to clients
 * (docs/security.md, "The DevTools port").
 */
public record DevToolsEndpoint(String host, int port, String browserPath, String basePath) {

    /** Chromium's own server, which serves from its root. */
    public DevToolsEndpoint(String host, int port, String browserPath) {
        this(host, port, browserPath, "");
    }
}
