package io.browserhub.health;

import io.browserhub.session.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the data directory (profiles, session.json, logs) can be written. */
@Readiness
@ApplicationScoped
public class DataDirReadiness implements HealthCheck {

    private final SessionStore store;

    public DataDirReadiness(SessionStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        Path dir = store.dataDir();
        try {
            Path probe = Files.createTempFile(dir, ".ready", ".probe");
            Files.delete(probe);
            return HealthCheckResponse.named("data-dir").up().withData("path", dir.toString()).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("data-dir").down().withData("path", dir.toString())
                    .withData("reason", "Cannot write to " + dir + ": " + e.getMessage()).build();
        }
    }
}
