package io.browserhub.reaper;

import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
import io.browserhub.session.StopReason;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Stops browsers idle (no command, no viewer) longer than their idle timeout; their profiles stay. */
@ApplicationScoped
public class IdleReaper {

    private static final Logger LOG = Logger.getLogger(IdleReaper.class);

    private final SessionRegistry sessions;

    public IdleReaper(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Scheduled(every = "${browserhub.session.reaper-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reap() {
        Instant now = Instant.now();
        for (Session session : sessions.all()) {
            if (session.idleLongerThanTimeout(now)) {
                LOG.infof("Reaping idle session %s (last activity %s)", session.id(), session.lastActivityAt());
                session.stop(StopReason.REAPED);
            }
        }
    }
}
