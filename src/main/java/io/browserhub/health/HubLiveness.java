package io.browserhub.health;

import io.browserhub.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** The hub process answers. Says nothing more: /q/health/live is the one endpoint open without the token. */
@Liveness
@ApplicationScoped
public class HubLiveness implements HealthCheck {

    private final SessionRegistry sessions;

    public HubLiveness(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("hub").status(sessions != null).build();
    }
}
