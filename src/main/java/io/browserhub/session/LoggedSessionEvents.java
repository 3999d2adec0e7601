package io.browserhub.session;

import io.browserhub.observability.LogText;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;

/** The event sink used when nothing else subscribes to session events: a debug log line per event. */
@DefaultBean
@ApplicationScoped
public class LoggedSessionEvents implements SessionEvents {

    private static final Logger LOG = Logger.getLogger("io.browserhub.events");

    @Override
    public void emit(String sessionId, String kind, String tab, Map<String, Object> data) {
        if (LOG.isDebugEnabled()) {
            LOG.debugf("%s %s %s %s", sessionId, kind, tab == null ? "-" : LogText.escape(tab), LogText.escape(data));
        }
    }
}
