package io.browserhub.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code browserhub serve --rehearse}: the hub starts in a scratch data directory, asks itself what a first client
 * asks (readiness, a JSON-RPC call, the dashboard) and stops. The launcher runs it once per build under
 * {@code -XX:ArchiveClassesAtExit}, so that the JVM archives every class a start and a first request load, and
 * starts the real hub from that archive (docs/benchmarks.md, row 6).
 */
@ApplicationScoped
public class StartRehearsal {

    /**
     * Set by {@link ServeCommand} before Quarkus starts, in the same class loader (the packaged hub's; a rehearsal
     * never runs in dev mode). The token it made up for the rehearsal travels as browserhub.auth.token.
     */
    static volatile boolean requested;
    private static final Logger LOG = Logger.getLogger(StartRehearsal.class);
    private static final int READY_ATTEMPTS = 100;

    private final HttpServer server;

    public StartRehearsal(HttpServer server) {
        this.server = server;
    }

    void serverStarted(@ObservesAsync HttpServerStart start) {
        if (!requested) {
            return;
        }
        int code = 0;
        try {
            String token = System.getProperty("browserhub.auth.token");
            int port;
            for (int attempt = 1; ; attempt++) {
                // -1 for a moment: Quarkus fires this event on the event loop before its main thread records the port
                port = server.getPort();
                if (port > 0 && get(port, "/q/health/ready", token).contains("\"UP\"")) {
                    break;
                }
                if (attempt == READY_ATTEMPTS) {
                    throw new IOException("the hub did not become ready (port " + port + ")");
                }
                Thread.sleep(50);
            }
            request(port, "POST /rpc", token, Rpc.request(1, "hub.info", Map.of()));
            get(port, "/", token);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("The start rehearsal failed: %s", e.toString());
            code = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 1;
        }
        Quarkus.asyncExit(code);
    }

    private static String get(int port, String path, String token) throws IOException {
        return request(port, "GET " + path, token, null);
    }

    /** One HTTP/1.1 exchange on a connection of its own; the whole answer as text. */
    private static String request(int port, String requestLine, String token, String json) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        String head = requestLine + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n" + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                + "\r\n";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
