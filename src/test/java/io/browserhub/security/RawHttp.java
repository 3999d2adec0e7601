package io.browserhub.security;

import io.browserhub.support.Hub;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what HTTP clients will not let a test send: any Host header, or a
 * Content-Length without the body behind it. Reads the status line and headers, and the body when it has a length
 * or comes in chunks.
 */
final class RawHttp {

    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    private RawHttp() {
    }

    static int port() {
        return Hub.base().getPort();
    }

    /** Sends the request head as given (lines joined with CRLF, blank line added) and reads one response. */
    static Response send(String... headLines) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((String.join("\r\n", headLines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the hub closed the connection without answering");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        String body = "";
        List<String> length = headers.get("content-length");
        if (length != null) {
            body = new String(in.readNBytes(Integer.parseInt(length.get(0))), StandardCharsets.UTF_8);
        } else if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            // a large answer (the session list, once the tests made many sessions) comes in chunks
            body = chunked(in);
        }
        return new Response(status, headers, body);
    }

    private static String chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String size = line(in); size != null && !size.isEmpty(); size = line(in)) {
            int n = Integer.parseInt(size.split(";")[0].strip(), 16);
            if (n == 0) {
                break;
            }
            body.write(in.readNBytes(n));
            line(in); // the CRLF after the chunk
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String s = buffer.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buffer.write(b);
        }
        return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
    }
}
