package io.browserhub.session;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which running browser to stop when one more must start at browserhub.session.max-running: a policy, so it can be
 * tested and changed without Chromium.
 */
@FunctionalInterface
public interface EvictionPolicy {

    /** What the policy may know about a session. */
    interface Candidate {
        String id();

        /** Running, no command queued or running, no viewer: it can be stopped without hurting anyone. */
        boolean idle();

        Instant lastActivityAt();
    }

    /** The session to stop, or empty when none may be stopped (every browser is busy). */
    <C extends Candidate> Optional<C> victim(Collection<C> running);

    /** The idle session used longest ago. */
    EvictionPolicy LEAST_RECENTLY_USED_IDLE = new EvictionPolicy() {
        @Override
        public <C extends Candidate> Optional<C> victim(Collection<C> running) {
            return running.stream().filter(Candidate::idle).min(Comparator.comparing(Candidate::lastActivityAt));
        }
    };
}
