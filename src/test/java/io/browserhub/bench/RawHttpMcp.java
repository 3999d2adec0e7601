package io.browserhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.RpcClient;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * MCP over Streamable HTTP with the leanest possible client (the same keep-alive socket as {@link RawHttpRpc}):
 * initialize once, then each tools/call is one POST whose JSON answer is read on the calling thread. What is
 * left of a round trip is the server's: the MCP layer and the tool adapter on top of the method table.
 */
final class RawHttpMcp implements AutoCloseable {

    private static final String ACCEPT = "application/json, text/event-stream";

    private final RawHttpRpc http;
    private final String path;
    private final String session;
    private long ids;

    RawHttpMcp(URI hubBase, String endpoint) throws IOException {
        this.http = new RawHttpRpc(hubBase);
        this.path = endpoint;
        RawHttpRpc.Response initialized = http.post(path, Map.of("Accept", ACCEPT), RpcClient.JSON.writeValueAsBytes(Map.of(
                "jsonrpc", "2.0", "id", ++ids, "method", "initialize", "params", Map.of("protocolVersion", "2025-06-18",
                        "capabilities", Map.of(), "clientInfo", Map.of("name", "raw-bench", "version", "1")))));
        this.session = initialized.headers().get("mcp-session-id");
        if (initialized.status() != 200 || session == null) {
            throw new IllegalStateException("initialize: HTTP " + initialized.status() + " " + initialized.headers());
        }
        http.post(path, Map.of("Accept", ACCEPT, "Mcp-Session-Id", session),
                RpcClient.JSON.writeValueAsBytes(Map.of("jsonrpc", "2.0", "method", "notifications/initialized")));
    }

    /** The text of a tools/call that must succeed. */
    String call(String tool, Map<String, Object> arguments) {
        try {
            RawHttpRpc.Response response = http.post(path, Map.of("Accept", ACCEPT, "Mcp-Session-Id", session),
                    RpcClient.JSON.writeValueAsBytes(Map.of("jsonrpc", "2.0", "id", ++ids, "method", "tools/call",
                            "params", Map.of("name", tool, "arguments", arguments))));
            JsonNode result = RpcClient.JSON.readTree(response.body()).path("result");
            if (response.status() != 200 || result.path("isError").asBoolean(false)) {
                throw new IllegalStateException(tool + ": HTTP " + response.status() + " " + new String(response.body()));
            }
            return result.at("/content/0/text").asText();
        } catch (IOException e) {
            throw new IllegalStateException(tool + ": " + e, e);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
