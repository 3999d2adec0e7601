package io.browserhub.backend;

/**
 * Where a running browser's own DevTools server listens: host, port, and the path of its browser-level WebSocket. Only
 * the hub's CDP door connects to it; it is never handed to clients (docs/security.md, "The DevTools port").
 */
public record DevToolsEndpoint(String host, int port, String browserPath) {
}
