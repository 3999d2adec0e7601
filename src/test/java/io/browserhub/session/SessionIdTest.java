package io.browserhub.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Session ids become directory names: anything that could escape or confuse the file system is refused. */
@QuarkusTest
class SessionIdTest {

    @Inject
    SessionStore store;

    @Test
    void badIdsAnswerInvalidParamsAndTouchNoFile() throws Exception {
        List<String> bad = List.of("../x", "a/b", "", "x".repeat(65), "..", "a..b", ".hidden", "-dash",
                "ｗork", "wo\u200brk", "caf\u00e9", "tab\tid", "nul\u0000", "work\u202e", "C:\\x", "a b");
        List<Path> before = listing();
        try (RpcClient agent = Hub.connect()) {
            for (String id : bad) {
                for (String method : List.of("session.create", "session.ensure", "session.get", "session.delete")) {
                    RpcError error = assertThrows(RpcError.class, () -> agent.call(method, Map.of("id", id)), method + " " + id);
                    assertEquals(-32602, error.code(), method + " \"" + id + "\": " + error.message());
                }
                RpcError page = assertThrows(RpcError.class, () -> agent.call("page.title", Map.of("session", id)));
                assertEquals(-32602, page.code());
            }
        }
        assertEquals(before, listing(), "no file or directory was created for a bad id");
    }

    @Test
    void theLongestValidIdWorks() {
        String id = "a" + "b".repeat(63);
        try (RpcClient agent = Hub.connect()) {
            agent.call("session.ensure", Map.of("id", id));
            assertEquals(id, agent.call("session.get", Map.of("id", id)).get("id").asText());
            agent.call("session.delete", Map.of("id", id));
            assertEquals(false, Files.exists(store.paths(id).dir()));
        }
    }

    private List<Path> listing() throws Exception {
        Path root = store.dataDir();
        try (Stream<Path> walk = Files.walk(root, 2)) {
            return walk.filter(p -> !p.startsWith(root.resolve("driver"))).sorted().toList();
        }
    }
}
