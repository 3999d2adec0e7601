package io.browserhub.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** The hub process answers. Says nothing more: /q/health/live is the one endpoint open without the token. */
@Liveness
@ApplicationScoped
public class HubLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("hub");
    }
}
