package io.browserhub.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-hub caps, on a hub configured with small ones: one session, 1 KiB evaluate results, depth 50. */
@QuarkusTest
@TestProfile(TightLimitsTest.Tight.class)
class TightLimitsTest {

    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(Hub.QUINOA, "false",
                    "browserhub.data-dir", "target/test-data-tight-limits",
                    "browserhub.session.max-sessions", "1",
                    "browserhub.limits.evaluate-result-size", "1K",
                    "browserhub.limits.json-depth", "50");
        }
    }

    @Test
    void sessionsBeyondTheCapAreLimitReachedAndEvaluateResultsAreBounded() {
        try (RpcClient client = Hub.connect()) {
            client.call("session.create", Map.of("id", "only-one"));
            try {
                RpcError full = assertThrows(RpcError.class, () -> client.call("session.create", Map.of("id", "one-too-many")));
                assertEquals(-32008, full.code());
                assertTrue(full.message().contains("1 sessions"), full.message());
                assertTrue(full.message().contains("browserhub.session.max-sessions"), full.message());
                assertEquals(1, full.data().get("maxSessions").asInt());

                String fits = "x".repeat(1000);
                assertEquals(fits, client.call("page.evaluate", Map.of("session", "only-one",
                        "function", "n => 'x'.repeat(n)", "arg", 1000)).get("value").asText());
                RpcError big = assertThrows(RpcError.class, () -> client.call("page.evaluate", Map.of("session", "only-one",
                        "function", "n => 'x'.repeat(n)", "arg", 2000)));
                assertEquals(-32008, big.code());
                assertTrue(big.message().contains("1024 bytes"), big.message());

                RpcError deep = assertThrows(RpcError.class, () -> client.call("page.evaluate", Map.of("session", "only-one",
                        "function", "n => { let v = 1; for (let i = 0; i < n; i++) v = [v]; return v; }", "arg", 60)));
                assertEquals(-32008, deep.code(), deep.message());

                // the session is fine afterwards
                assertEquals(2, client.call("page.evaluate", Map.of("session", "only-one", "function", "() => 1 + 1")).get("value").asInt());
            } finally {
                client.call("session.delete", Map.of("id", "only-one"));
            }
            // deleting made room again: the cap counts sessions, not attempts
            client.call("session.create", Map.of("id", "after-delete"));
            client.call("session.delete", Map.of("id", "after-delete"));
        }
    }

    @Test
    void theConfiguredJsonDepthApplies() {
        String fiftyOne = "[".repeat(51) + "]".repeat(51);
        assertEquals(-32008, Hub.post(fiftyOne).at("/error/code").asInt());
        String fine = "{\"jsonrpc\":\"2.0\",\"method\":\"hub.info\",\"id\":1,\"params\":{}}";
        assertTrue(Hub.post(fine).has("result"));
    }
}
