package io.browserhub.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP proxy for tests: it records every request line it is sent, asks for Basic credentials (407) until they
 * come, and answers every authorised request itself with a page saying so, forwarding nothing.
 */
final class RecordingProxy implements AutoCloseable {

    /** What came through: the request target (an absolute URL for a proxy) and whether it carried the credentials. */
    record Seen(String target, boolean authorised) {
    }

    private final ServerSocket server;
    private final String expected;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    RecordingProxy(String username, String password) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.expected = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.acceptor = new Thread(this::accept, "recording-proxy");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    String server() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    List<Seen> seen() {
        return new ArrayList<>(seen);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve(socket), "recording-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            while (true) {
                String requestLine = in.readLine();
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                String auth = null;
                for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                    int colon = line.indexOf(':');
                    if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("proxy-authorization")) {
                        auth = line.substring(colon + 1).trim();
                    }
                }
                String[] parts = requestLine.split(" ");
                String target = parts.length > 1 ? parts[1] : "";
                boolean authorised = expected.equals(auth);
                seen.add(new Seen(target, authorised));
                if (!authorised) {
                    write(out, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"test\"\r\n", "credentials, please");
                } else {
                    write(out, "200 OK", "", "<title>proxied</title><p id=via>via the test proxy: " + target.replace("<", "&lt;") + "</p>");
                }
            }
        } catch (IOException e) {
            // the browser closed the connection
        }
    }

    private static void write(OutputStream out, String status, String headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + bytes.length + "\r\n"
                + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
