package io.browserhub.data.files;

import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Keeps every session's files within browserhub.files.* bounds, on a schedule (downloads arrive without asking). */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final SessionRegistry sessions;
    private final SessionFiles files;

    public Retention(SessionRegistry sessions, SessionFiles files) {
        this.sessions = sessions;
        this.files = files;
    }

    @Scheduled(every = "${browserhub.files.retention-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void enforce() {
        for (Session session : sessions.all()) {
            for (FileKind kind : FileKind.values()) {
                try {
                    int deleted = files.prune(session.paths(), kind);
                    if (deleted > 0) {
                        LOG.debugf("Session %s: %d old %s files removed (browserhub.files.%s.*)", session.id(), deleted, kind.wire(), kind.wire());
                    }
                } catch (RuntimeException e) {
                    LOG.debugf("Session %s: retention of %s files: %s", session.id(), kind.wire(), e.getMessage());
                }
            }
        }
    }
}
