package io.browserhub.reaper;

import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers TIMEOUT for commands that run past their limit, which only happens when the page itself is stuck
 * (Playwright's own timeouts end every other wait), and ends that browser so the session can be used again.
 */
@ApplicationScoped
public class StuckCommandWatchdog {

    private final SessionRegistry sessions;

    public StuckCommandWatchdog(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        long now = System.nanoTime();
        for (Session session : sessions.supervised()) {
            session.checkStuck(now);
        }
    }
}
