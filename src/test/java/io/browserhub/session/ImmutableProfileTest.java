package io.browserhub.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.SharedSessions;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A profile directory Chromium cannot write: the error says that, and what to check, not "ProcessSingleton". */
@QuarkusTest
class ImmutableProfileTest {

    @Test
    void anImmutableProfileIsNamedAsTheProblem() throws Exception {
        Path profile = Hub.dataDir().resolve("sessions/immutable-profile/profile");
        try (RpcClient agent = Hub.connect()) {
            SharedSessions.fresh(agent, "immutable-profile", null);
            agent.call("session.stop", Map.of("id", "immutable-profile"));
            // tests run as root here, and root writes through any mode: only the immutable attribute stops it
            assumeTrue(chattr("+i", profile), "chattr +i is not supported on this file system");
            try {
                RpcError refused = assertThrows(RpcError.class, () -> agent.call("page.title", Map.of("session", "immutable-profile")));
                assertEquals("SESSION_UNAVAILABLE", refused.kind());
                assertTrue(refused.getMessage().contains("profile directory " + profile), refused.getMessage());
                assertTrue(refused.getMessage().contains("cannot be written"), refused.getMessage());
                assertFalse(refused.getMessage().startsWith("Session \"immutable-profile\" is unavailable: the browser could not start:"
                        + " Failed to create a ProcessSingleton"), refused.getMessage());
            } finally {
                chattr("-i", profile);
            }
            agent.call("session.delete", Map.of("id", "immutable-profile"));
        }
    }

    private static boolean chattr(String flag, Path path) throws Exception {
        Process p = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
