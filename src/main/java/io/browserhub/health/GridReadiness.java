package io.browserhub.health;

import io.browserhub.grid.GridBackend;
import io.browserhub.grid.GridNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The Selenium Grid's state (docs/scale-out.md): its URL, whether it takes sessions, its nodes and free slots. A Grid
 * that is away makes the hub not ready only when new sessions go there by default (browserhub.grid.default);
 * otherwise local sessions are unaffected, and the check stays UP with {@code ready: false} and the reason.
 */
@Readiness
@ApplicationScoped
public class GridReadiness implements HealthCheck {

    private final GridBackend grid;

    public GridReadiness(GridBackend grid) {
        this.grid = grid;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("grid");
        GridBackend.GridState state = grid.state();
        if (!state.configured()) {
            return response.up().withData("url", "not configured (browserhub.grid.url)").build();
        }
        response.withData("url", state.url()).withData("ready", state.ready())
                .withData("placement", grid.placesByDefault() ? "default" : "on request");
        if (state.problem() != null) {
            response.withData("reason", state.problem());
        }
        state.status().ifPresent(status -> response
                .withData("nodes", status.nodes().stream().map(GridReadiness::describe).collect(Collectors.joining(", ")))
                .withData("slots", status.slots())
                .withData("freeSlots", status.free()));
        return response.status(state.ready() || !grid.placesByDefault()).build();
    }

    private static String describe(GridNode node) {
        return node.label() + " " + node.availability() + " " + node.sessionIds().size() + "/" + node.slots();
    }
}
