package io.browserhub.support;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON-RPC error response, thrown by {@link RpcClient#call}. */
public final class RpcError extends RuntimeException {

    private final JsonNode error;

    public RpcError(JsonNode error) {
        super(error.toString());
        this.error = error;
    }

    public int code() {
        return error.get("code").asInt();
    }

    public String kind() {
        return error.path("data").path("kind").asText();
    }

    public String message() {
        return error.get("message").asText();
    }

    public JsonNode data() {
        return error.get("data");
    }
}
