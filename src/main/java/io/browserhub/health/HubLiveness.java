package io.browserhub.health;

import io.browserhub.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** The hub process answers; with how many sessions it holds and runs. */
@Liveness
@ApplicationScoped
public class HubLiveness implements HealthCheck {

    private final SessionRegistry sessions;

    public HubLiveness(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("hub").up()
                .withData("sessions", sessions.all().size())
                .withData("running", sessions.running())
                .build();
    }
}
