package io.browserhub.observability;

import io.browserhub.command.CommandListener;
import io.browserhub.command.CommandOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One log line per command, with session, client, method, duration and outcome also as MDC keys (fields of
 * their own in JSON logs). Parameters are never logged: no typed text, no URLs with secrets, no cookies.
 * Silence it with quarkus.log.category."io.browserhub.commands".level=WARN.
 */
@ApplicationScoped
public class CommandLog implements CommandListener {

    private static final Logger LOG = Logger.getLogger("io.browserhub.commands");

    @Override
    public void finished(CommandOutcome o) {
        if (!LOG.isInfoEnabled() || o.flowControl()) {
            return;
        }
        String session = o.session();
        MDC.put("session", session == null ? "-" : LogText.escape(session));
        MDC.put("client", LogText.escape(o.client().name()));
        MDC.put("clientKind", o.client().kind().wire());
        MDC.put("method", LogText.escape(o.method()));
        MDC.put("durationMs", o.durationMs());
        MDC.put("outcome", o.outcome());
        try {
            LOG.infof("%s %s by %s: %s in %.1f ms", LogText.escape(o.method()), session == null ? "" : LogText.escape(session),
                    LogText.escape(o.client().name()), o.outcome(), o.durationMs());
        } finally {
            MDC.remove("session");
            MDC.remove("client");
            MDC.remove("clientKind");
            MDC.remove("method");
            MDC.remove("durationMs");
            MDC.remove("outcome");
        }
    }
}
