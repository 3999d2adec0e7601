package io.browserhub.session;

import io.browserhub.session.event.SessionEvent;
import io.browserhub.observability.LogText;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** The event sink used when nothing else subscribes to session events: a debug log line per event. */
@DefaultBean
@ApplicationScoped
public class LoggedSessionEvents implements SessionEvents {

    private static final Logger LOG = Logger.getLogger("io.browserhub.events");

    @Override
    public void emit(String sessionId, String tab, SessionEvent event) {
        if (LOG.isDebugEnabled()) {
            LOG.debugf("%s %s %s", sessionId, tab == null ? "-" : LogText.escape(tab), LogText.escape(String.valueOf(event)));
        }
    }
}
