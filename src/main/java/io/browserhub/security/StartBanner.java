package io.browserhub.security;

import io.browserhub.config.HubConfig;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What a person needs once the hub is up, printed as one log record: the line to click for the dashboard (signed
 * in), a ready-to-paste shell line for scripts and the README's examples, and where the data lives. It needs the
 * token (loaded at start) and the port really listened on (known when the HTTP server is up), which arrive in
 * either order.
 */
@ApplicationScoped
public class StartBanner {

    private static final Logger LOG = Logger.getLogger(StartBanner.class);

    private final String bindHost;
    private final HttpServer server;
    private final Path dataDir;
    private boolean tokenKnown;
    private String token;
    private int port;
    private volatile String printed;

    public StartBanner(@ConfigProperty(name = "quarkus.http.host") String bindHost, HttpServer server, HubConfig config) {
        this.bindHost = bindHost;
        this.server = server;
        this.dataDir = Path.of(config.dataDir()).toAbsolutePath().normalize();
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

    /** The banner as printed; empty until the hub is ready. */
    public Optional<String> printed() {
        return Optional.ofNullable(printed);
    }

    private void printWhenComplete() {
        if (printed != null || !tokenKnown || port <= 0) {
            return;
        }
        printed = text(bindHost, port, token, dataDir);
        LOG.info(printed);
    }

    /**
     * The banner. The shell line starts a line of its own, so that selecting that line copies exactly a command:
     * the log's time and level prefix only the first line of a record.
     */
    static String text(String bindHost, int port, String token, Path dataDir) {
        String url = baseUrl(bindHost, port);
        String export = "export BROWSERHUB_URL=" + url + (token == null ? "" : " BROWSERHUB_TOKEN=" + token);
        return (token == null ? "browserhub is ready, WITHOUT an access token; open the dashboard: " + url + "/"
                : "browserhub is ready; open the dashboard (this link signs you in): " + dashboardUrl(bindHost, port, token))
                + "\n  Data directory: " + dataDir + (token == null ? "" : " (the token is in " + dataDir.resolve("token") + ")")
                + "\n  For scripts and the README's examples, paste this line into a shell:"
                + "\n" + export;
    }

    /** The dashboard URL; the token travels as {@code ?token=}, which the hub swaps for a cookie on the first visit. */
    public static String dashboardUrl(String bindHost, int port, String token) {
        return baseUrl(bindHost, port) + "/" + (token == null ? "" : "?token=" + token);
    }

    /** http://host:port of the hub as a client on this machine reaches it (no trailing slash). */
    private static String baseUrl(String bindHost, int port) {
        String host = switch (bindHost) {
            case "0.0.0.0", "::", "[::]", "" -> "127.0.0.1";
            default -> bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
        };
        return "http://" + host + ":" + port;
    }
}
