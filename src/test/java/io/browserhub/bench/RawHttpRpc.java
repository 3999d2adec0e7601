package io.browserhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.WireFormat;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * JSON-RPC over HTTP POST /rpc with the leanest possible keep-alive client: one socket, a request written, the
 * response read by its content-length on the same thread. Like curl's or Python's http.client, and unlike the
 * JDK's HttpClient, which hands every exchange between its own threads. {@link RawHttpMcp} posts MCP through it.
 */
final class RawHttpRpc implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;
    private long ids;

    RawHttpRpc(URI hubBase) throws IOException {
        this.socket = new Socket(hubBase.getHost(), hubBase.getPort());
        socket.setTcpNoDelay(true);
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.in = new BufferedInputStream(socket.getInputStream());
        this.host = hubBase.getHost() + ":" + hubBase.getPort();
    }

    JsonNode call(String method, Map<String, Object> params) {
        try {
            byte[] body = RpcClient.JSON.writeValueAsBytes(Map.of("jsonrpc", "2.0", "id", ++ids, "method", method, "params", params));
            Response response = post("/rpc", Map.of(), body);
            if (response.status() != 200) {
                throw new IllegalStateException(method + ": HTTP " + response.status());
            }
            JsonNode node = RpcClient.JSON.readTree(response.body());
            if (node.has("error")) {
                throw new RpcError(node.get("error"));
            }
            return node.get("result");
        } catch (IOException e) {
            throw new IllegalStateException(method + ": " + e, e);
        }
    }

    /** An answer read by its content-length: status, headers (names in lower case), body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
    }

    /** One POST on this connection with the token, a JSON body and extra headers; the answer must have a content-length. */
    Response post(String path, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer "
                + HubProcess.TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String status = WireFormat.line(in);
        Map<String, String> received = new java.util.HashMap<>();
        for (String header = WireFormat.line(in); !header.isEmpty(); header = WireFormat.line(in)) {
            int colon = header.indexOf(':');
            received.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        String length = received.get("content-length");
        if (length == null) {
            throw new IllegalStateException(path + ": " + status + " without a content-length (" + received + ")");
        }
        return new Response(Integer.parseInt(status.split(" ")[1]), received, in.readNBytes(Integer.parseInt(length)));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
