package io.browserhub.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which browser makes room at the running cap, without starting any. */
class EvictionPolicyTest {

    private record Fake(String id, boolean idle, Instant lastActivityAt) implements EvictionPolicy.Candidate {
    }

    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void theIdleSessionUsedLongestAgoMakesRoom() {
        List<Fake> running = List.of(
                new Fake("busy-old", false, T.minusSeconds(600)),
                new Fake("idle-recent", true, T.minusSeconds(5)),
                new Fake("idle-old", true, T.minusSeconds(60)));
        assertEquals("idle-old", EvictionPolicy.LEAST_RECENTLY_USED_IDLE.victim(running).orElseThrow().id(),
                "a busy session is never stopped, however old its last activity");
    }

    @Test
    void whenEveryBrowserIsBusyNoneIsStopped() {
        List<Fake> running = List.of(new Fake("a", false, T), new Fake("b", false, T.minusSeconds(1)));
        assertTrue(EvictionPolicy.LEAST_RECENTLY_USED_IDLE.victim(running).isEmpty());
    }
}
