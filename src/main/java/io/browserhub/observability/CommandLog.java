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
            // built here, not a format pattern: a pattern would be formatted once by the token filter and again by the handler
            LOG.info(LogText.escape(o.method()) + " " + (session == null ? "" : LogText.escape(session)) + " by "
                    + LogText.escape(o.client().name()) + ": " + o.outcome() + " in " + tenths(o.durationMs()) + " ms");
        } finally {
            MDC.remove("session");
            MDC.remove("client");
            MDC.remove("clientKind");
            MDC.remove("method");
            MDC.remove("durationMs");
            MDC.remove("outcome");
        }
    }

    /** 12.345 → "12.3": what "%.1f" wrote, rounded half up, in every locale. */
    static String tenths(double ms) {
        long t = Math.round(Math.max(0, ms) * 10);
        return t / 10 + "." + t % 10;
    }
}
