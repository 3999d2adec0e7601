package io.browserhub.grid;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the Grid's router listens, as configured: its base URI without credentials (what messages name), and the
 * basic-auth header when the URL carried user:password.
 */
record GridAddress(URI base, Optional<String> authorization) {

    static GridAddress parse(String configured) {
        URI uri;
        try {
            uri = new URI(configured.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("browserhub.grid.url is not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("browserhub.grid.url must be an http(s) URL such as http://grid:4444, not \"" + configured + "\"");
        }
        Optional<String> auth = Optional.ofNullable(uri.getRawUserInfo())
                .map(u -> "Basic " + Base64.getEncoder().encodeToString(
                        java.net.URLDecoder.decode(u, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)));
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        URI base = URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path);
        return new GridAddress(base, auth);
    }

    /** A path under the Grid's base, such as "/status" or "/session/ID". */
    URI resolve(String path) {
        return URI.create(base + path);
    }

    /**
     * The WebSocket of a session's {@code se:cdp}, through the router this hub was configured with: the URL the Grid
     * reports names its own external address, which the hub may not reach (a container network, a proxy).
     */
    URI cdp(String sessionId) {
        String ws = base.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(ws + base.toString().substring(base.getScheme().length()) + "/session/" + sessionId + "/se/cdp");
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
