package io.browserhub.cdp;

import io.browserhub.command.SessionUrls;
import io.browserhub.config.HubConfig;
import io.browserhub.security.StartBanner;
import io.quarkus.vertx.http.HttpServer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The door's addresses: {@code ws://host/cdp/{session}} for a session's browser, {@code .../page/{target}} for
 * one of its pages. SessionInfo.cdpUrl names the hub's listening address; the /json answers name the address the
 * client used (its Host), and carry over the {@code token} and {@code client} it put on the URL, so that a client
 * that found the endpoint with them reaches it with them.
 */
@ApplicationScoped
public class CdpAddress implements SessionUrls {

    static final String PREFIX = "/cdp/";

    private final HubConfig config;
    private final HttpServer server;
    private final String bindHost;

    public CdpAddress(HubConfig config, HttpServer server, @ConfigProperty(name = "quarkus.http.host") String bindHost) {
        this.config = config;
        this.server = server;
        this.bindHost = bindHost;
    }

    @Override
    public String cdpUrl(String sessionId) {
        if (!config.cdp().enabled()) {
            return null;
        }
        return StartBanner.dashboardUrl(bindHost, server.getPort(), null).replaceFirst("^http", "ws") + PREFIX.substring(1) + sessionId;
    }

    /** The browser-level WebSocket of a session, as the client of this request reaches it. */
    static String browser(HttpServerRequest request, String sessionId) {
        return origin(request) + PREFIX + sessionId + carried(request);
    }

    /** A page's WebSocket, as the client of this request reaches it. */
    static String page(HttpServerRequest request, String sessionId, String targetId) {
        return origin(request) + PREFIX + sessionId + "/page/" + targetId + carried(request);
    }

    /** The same page for a DevTools frontend's {@code ws=} (or {@code wss=}) parameter: no scheme, the rest encoded. */
    static String frontendParameter(HttpServerRequest request, String sessionId, String targetId) {
        String hostAndPath = host(request) + PREFIX + sessionId + "/page/" + targetId + carried(request);
        return (request.isSSL() ? "wss=" : "ws=") + URLEncoder.encode(hostAndPath, StandardCharsets.UTF_8);
    }

    private static String origin(HttpServerRequest request) {
        // the Host has passed RequestGuard: one of the names this hub answers to
        return (request.isSSL() ? "wss://" : "ws://") + host(request);
    }

    private static String host(HttpServerRequest request) {
        String host = request.getHeader(HttpHeaders.HOST);
        return host != null ? host : String.valueOf(request.authority()); // HTTP/2 carries it as :authority
    }

    private static String carried(HttpServerRequest request) {
        StringBuilder query = new StringBuilder();
        for (String name : new String[] {"token", "client"}) {
            String value = request.getParam(name);
            if (value != null) {
                query.append(query.isEmpty() ? '?' : '&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }
}
