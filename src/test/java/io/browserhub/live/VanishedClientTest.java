package io.browserhub.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.support.Hub;
import io.browserhub.support.LogCapture;
import io.browserhub.support.RpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * A client that vanishes without closing its WebSocket (a killed agent, a laptop that lost its network: the peer's
 * TCP stack resets the connection) is an everyday event for the hub, not an error: no ERROR or WARN line, no stack
 * trace in the hub's log; and what the client held ends with its connection as for any other.
 */
@QuarkusTest
class VanishedClientTest {

    @Test
    void aClientWhoseConnectionIsResetLeavesNoErrorInTheLog() throws Exception {
        LogCapture warnings = LogCapture.start(record -> record.getLevel().intValue() < Level.WARNING.intValue() ? null
                : record.getLoggerName() + ": " + LogCapture.message(record) + (record.getThrown() == null ? "" : " " + record.getThrown()));
        try (RpcClient agent = Hub.connect()) {
            agent.call("session.ensure", Map.of("id", "vanish"));
            for (int i = 0; i < 3; i++) {
                RawWebSocket client = new RawWebSocket(Hub.base(), Hub.TOKEN);
                client.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"control.acquire\","
                        + "\"params\":{\"session\":\"vanish\",\"wait\":true,\"timeoutMs\":20000}}");
                String answer;
                do { // notifications (this control change) may come first
                    answer = client.readText();
                } while (answer != null && !answer.contains("\"id\":1"));
                assertTrue(answer != null && answer.contains("\"holder\""), String.valueOf(answer));
                client.reset();
            }
            // each round's client got control, so the one before had lost it: and the last one's ends too
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!agent.call("session.get", Map.of("id", "vanish")).get("controller").isNull() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(agent.call("session.get", Map.of("id", "vanish")).get("controller").isNull(), "the vanished client's control ended");
            agent.call("session.delete", Map.of("id", "vanish"));
        } finally {
            warnings.close();
        }
        assertEquals(List.of(), warnings.lines().stream().filter(w -> !w.contains("io.browserhub.commands")).toList());
    }
}
