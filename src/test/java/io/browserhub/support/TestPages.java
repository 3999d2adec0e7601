package io.browserhub.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A small web server the tests own, on a random loopback port: static pages from src/test/resources/pages,
 * plus a few dynamic endpoints (slow responses, cookies, downloads).
 */
public final class TestPages {

    private static HttpServer server;

    private TestPages() {
    }

    public static synchronized URI base() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "test-pages");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/", TestPages::serve);
            server.start();
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public static String url(String path) {
        return base().resolve(path).toString();
    }

    private static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            switch (path) {
                case "/slow" -> {
                    sleep(Long.parseLong(query(exchange, "ms", "2000")));
                    send(exchange, 200, "text/html", "<title>slow</title><p>done</p>");
                }
                case "/login" -> {
                    exchange.getResponseHeaders().add("Set-Cookie", "login=" + query(exchange, "user", "alice") + "; Max-Age=86400; Path=/");
                    send(exchange, 200, "text/html", "<title>logged in</title><p>welcome</p>");
                }
                case "/whoami" -> {
                    String cookie = exchange.getRequestHeaders().getFirst("Cookie");
                    send(exchange, 200, "text/html", "<title>whoami</title><p id=cookie>" + (cookie == null ? "" : cookie) + "</p>");
                }
                case "/headers" -> {
                    // what the browser sent, one "name: value" per line in lower case, sorted
                    StringBuilder lines = new StringBuilder();
                    exchange.getRequestHeaders().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e ->
                            e.getValue().forEach(v -> lines.append(e.getKey().toLowerCase(java.util.Locale.ROOT)).append(": ").append(v).append('\n')));
                    send(exchange, 200, "text/html", "<title>headers</title><pre id=headers>"
                            + lines.toString().replace("&", "&amp;").replace("<", "&lt;") + "</pre>");
                }
                case "/download" -> {
                    exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"report.txt\"");
                    send(exchange, 200, "text/plain", "report body");
                }
                default -> {
                    try (InputStream in = TestPages.class.getResourceAsStream("/pages" + path)) {
                        if (in == null) {
                            send(exchange, 404, "text/plain", "not found: " + path);
                        } else {
                            byte[] body = in.readAllBytes();
                            exchange.getResponseHeaders().add("Content-Type", path.endsWith(".html") ? "text/html; charset=utf-8" : "application/octet-stream");
                            exchange.sendResponseHeaders(200, body.length);
                            exchange.getResponseBody().write(body);
                        }
                    }
                }
            }
        }
    }

    private static String query(HttpExchange exchange, String name, String fallback) {
        String q = exchange.getRequestURI().getQuery();
        if (q != null) {
            for (String part : q.split("&")) {
                String[] kv = part.split("=", 2);
                if (kv[0].equals(name) && kv.length == 2) {
                    return kv[1];
                }
            }
        }
        return fallback;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
