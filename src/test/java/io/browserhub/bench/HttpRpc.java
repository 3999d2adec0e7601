package io.browserhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** JSON-RPC over HTTP POST /rpc with the JDK's client: HTTP/1.1, one kept-alive connection reused for every call. */
final class HttpRpc {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI uri;
    private final AtomicLong ids = new AtomicLong();

    HttpRpc(URI hubBase) {
        this.uri = hubBase.resolve("/rpc");
    }

    JsonNode call(String method, Map<String, Object> params) {
        try {
            String body = RpcClient.JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", ids.incrementAndGet(), "method", method, "params", params));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + HubProcess.TOKEN)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = RpcClient.JSON.readTree(response.body());
            if (node.has("error")) {
                throw new RpcError(node.get("error"));
            }
            return node.get("result");
        } catch (IOException e) {
            throw new IllegalStateException(method + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        }
    }
}
