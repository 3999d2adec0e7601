package io.browserhub.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A small command for a running session is handed to its queue on the event loop that received it; anything else (a
 * batch, a large message) goes through the connection's dispatch lane. Whichever way each goes, a connection's
 * commands reach the session in the order they were sent: the page sees the write before the read that follows it.
 */
@QuarkusTest
class HandOverOrderTest {

    private static final String SESSION = "hand-over-order";

    @Test
    void aCommandSentAfterABatchOrALargeMessageRunsAfterIt() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            agent.call("session.create", Map.of("id", SESSION));
            try {
                agent.call("page.evaluate", Map.of("session", SESSION, "function", "() => { window.n = -1; return 1; }"));
                List<CompletableFuture<JsonNode>> reads = new ArrayList<>();
                String padding = "/*" + "x".repeat(20_000) + "*/";
                for (int i = 0; i < 24; i++) { // 48 commands in flight: within the queue (64)
                    // even rounds: the write is a batch; odd rounds: a single request too large to be handed over
                    String write = request("w" + i, "() => { window.n = " + i + "; return 0; }" + (i % 2 == 1 ? padding : ""));
                    agent.sendRaw(i % 2 == 0 ? "[" + write + "]" : write);
                    reads.add(agent.send("page.evaluate", Map.of("session", SESSION, "function", "() => window.n")));
                }
                for (int i = 0; i < reads.size(); i++) {
                    JsonNode result = RpcClient.await(reads.get(i));
                    assertEquals(i, result.get("value").asInt(), "round " + i + ": the read ran before the write sent ahead of it");
                }
            } finally {
                agent.call("session.delete", Map.of("id", SESSION));
            }
        }
    }

    private static String request(String id, String function) {
        return RpcClient.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", "page.evaluate")
                .set("params", RpcClient.JSON.createObjectNode().put("session", SESSION).put("function", function)).toString();
    }
}
