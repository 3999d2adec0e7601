package io.browserhub.health;

import io.browserhub.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Names the sessions whose session.json was unreadable at start, with the reason. Still UP: the hub serves every
 * other session, and a probe that failed would take those away too; the damage is data for a person to act on.
 */
@Readiness
@ApplicationScoped
public class SessionsReadiness implements HealthCheck {

    private final SessionRegistry sessions;

    public SessionsReadiness(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, String> damaged = sessions.damaged();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("sessions").up()
                .withData("total", sessions.all().size())
                .withData("damaged", damaged.size());
        damaged.forEach((id, reason) -> response.withData("damaged:" + id, reason));
        return response.build();
    }
}
