package io.browserhub.data;

import static io.browserhub.data.Sessions.deleteIfThere;
import static io.browserhub.support.SharedSessions.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Storage state and cookies: a login carried from one session into a new one, and cookies read, written and cleared. */
@QuarkusTest
class StorageStateTest {

    @Test
    void aLoginMovesToANewSessionThroughItsStorageState() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            String from = fresh(agent, "storage-from", "login?user=alice");
            agent.call("page.evaluate", Map.of("session", from, "function", "() => localStorage.setItem('theme', 'dark')"));
            JsonNode state = agent.call("session.storageState", Map.of("session", from));
            assertTrue(state.get("cookies").toString().contains("\"login\""), state.toString());

            deleteIfThere(agent, "storage-to");
            agent.call("session.create", Map.of("id", "storage-to", "storageState", state));
            agent.call("page.goto", Map.of("session", "storage-to", "url", TestPages.url("whoami")));
            assertEquals("login=alice", agent.call("page.text", Map.of("session", "storage-to", "selector", "#cookie")).get("text").asText());
            assertEquals("dark", agent.call("page.evaluate", Map.of("session", "storage-to",
                    "function", "() => localStorage.getItem('theme')")).get("value").asText());

            // a seed is applied once: session.json forgets it, the profile keeps the login across a restart
            JsonNode options = agent.call("session.configure", Map.of("id", "storage-to")).get("options");
            assertFalse(options.has("storageState"), options.toString());
            agent.call("session.stop", Map.of("id", "storage-to"));
            agent.call("page.reload", Map.of("session", "storage-to"));
            assertEquals("login=alice", agent.call("page.text", Map.of("session", "storage-to", "selector", "#cookie")).get("text").asText());

            RpcError bad = assertThrows(RpcError.class, () -> agent.call("session.create", Map.of("id", "storage-bad",
                    "storageState", Map.of("cookies", List.of(Map.of("name", "x"))))));
            assertEquals("INVALID_PARAMS", bad.kind());
            assertEquals("SESSION_NOT_FOUND", assertThrows(RpcError.class, () -> agent.call("session.get", Map.of("id", "storage-bad"))).kind());
            agent.call("session.delete", Map.of("id", "storage-to"));
            agent.call("session.delete", Map.of("id", from));
        }
    }

    @Test
    void cookiesAreReadWrittenAndCleared() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            String id = fresh(agent, "cookie-jar", null);
            String site = TestPages.url("");
            agent.call("cookies.set", Map.of("session", id, "cookies", List.of(
                    Map.of("name", "flavour", "value", "oat", "url", site),
                    Map.of("name", "size", "value", "large", "domain", TestPages.base().getHost(), "path", "/", "sameSite", "Lax"))));
            JsonNode cookies = agent.call("cookies.get", Map.of("session", id, "urls", List.of(site))).get("cookies");
            assertEquals(List.of("flavour=oat", "size=large"), pairs(cookies));
            assertEquals("Lax", cookies.get(1).get("sameSite").asText());
            agent.call("page.goto", Map.of("session", id, "url", TestPages.url("whoami")));
            String sent = agent.call("page.text", Map.of("session", id, "selector", "#cookie")).get("text").asText();
            assertTrue(sent.contains("flavour=oat") && sent.contains("size=large"), sent);

            agent.call("cookies.clear", Map.of("session", id, "name", "flavour"));
            assertEquals(List.of("size=large"), pairs(agent.call("cookies.get", Map.of("session", id)).get("cookies")));
            agent.call("cookies.clear", Map.of("session", id));
            assertEquals(0, agent.call("cookies.get", Map.of("session", id)).get("cookies").size());

            RpcError invalid = assertThrows(RpcError.class, () -> agent.call("cookies.set", Map.of("session", id,
                    "cookies", List.of(Map.of("name", "a", "value", "b", "url", "ftp://example.com/")))));
            assertEquals("INVALID_PARAMS", invalid.kind());
            agent.call("session.delete", Map.of("id", id));
        }
    }

    private static List<String> pairs(JsonNode cookies) {
        List<String> out = new java.util.ArrayList<>();
        cookies.forEach(c -> out.add(c.get("name").asText() + "=" + c.get("value").asText()));
        out.sort(String::compareTo);
        return out;
    }

}
