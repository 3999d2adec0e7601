package io.browserhub.security;

import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Prints the one line a person clicks to open the dashboard signed in. It needs both the token (loaded at
 * start) and the port really listened on (known when the HTTP server is up), which arrive in either order.
 */
@ApplicationScoped
public class StartBanner {

    private static final Logger LOG = Logger.getLogger(StartBanner.class);

    private final String bindHost;
    private final HttpServer server;
    private boolean tokenKnown;
    private String token;
    private int port;
    private boolean printed;

    public StartBanner(@ConfigProperty(name = "quarkus.http.host") String bindHost, HttpServer server) {
        this.bindHost = bindHost;
        this.server = server;
    }

    void serverStarted(@ObservesAsync HttpServerStart start) {
        // the port really listened on, also when quarkus.http.port=0 let the system pick one
        portKnown(server.getPort());
    }

    /** null when the hub runs without a token. */
    synchronized void tokenKnown(String token) {
        this.token = token;
        this.tokenKnown = true;
        printWhenComplete();
    }

    synchronized void portKnown(int port) {
        this.port = port;
        printWhenComplete();
    }

    private void printWhenComplete() {
        if (printed || !tokenKnown || port <= 0) {
            return;
        }
        printed = true;
        if (token == null) {
            LOG.infof("browserhub is ready, WITHOUT an access token: %s", dashboardUrl(bindHost, port, null));
        } else {
            LOG.infof("browserhub is ready; open the dashboard (this link signs you in): %s", dashboardUrl(bindHost, port, token));
        }
    }

    /** The dashboard URL; the token travels as {@code ?token=}, which the hub swaps for a cookie on the first visit. */
    public static String dashboardUrl(String bindHost, int port, String token) {
        String host = switch (bindHost) {
            case "0.0.0.0", "::", "[::]", "" -> "127.0.0.1";
            default -> bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
        };
        return "http://" + host + ":" + port + "/" + (token == null ? "" : "?token=" + token);
    }
}
