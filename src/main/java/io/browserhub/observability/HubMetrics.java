package io.browserhub.observability;

import io.browserhub.command.CommandListener;
import io.browserhub.command.CommandOutcome;
import io.browserhub.live.screencast.ScreencastHub;
import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
import io.browserhub.session.SessionState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.OpenConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;

/**
 * The hub's Prometheus metrics (/q/metrics): sessions by state, commands by method and outcome with duration
 * histograms, queue depths, screencast frames, WebSocket connections, reaps and crashes.
 */
@ApplicationScoped
public class HubMetrics implements CommandListener {

    private final MeterRegistry registry;
    private final SessionRegistry sessions;
    private final ScreencastHub screencasts;
    private final OpenConnections connections;

    public HubMetrics(MeterRegistry registry, SessionRegistry sessions, ScreencastHub screencasts, OpenConnections connections) {
        this.registry = registry;
        this.sessions = sessions;
        this.screencasts = screencasts;
        this.connections = connections;
    }

    void register(@Observes StartupEvent event) {
        for (SessionState state : SessionState.values()) {
            Gauge.builder("browserhub.sessions", sessions, r -> r.all().stream().filter(s -> s.state() == state).count())
                    .tag("state", state.wire()).description("Sessions by state").register(registry);
        }
        Gauge.builder("browserhub.queue.depth", sessions, r -> r.all().stream().mapToInt(Session::queueDepth).sum())
                .description("Commands waiting in all sessions' queues").register(registry);
        Gauge.builder("browserhub.queue.depth.max", sessions, r -> r.all().stream().mapToInt(Session::queueDepth).max().orElse(0))
                .description("Commands waiting in the fullest session queue").register(registry);
        for (String kind : new String[] {"produced", "sent", "dropped"}) {
            FunctionCounter.builder("browserhub.screencast.frames", screencasts, h -> ((Number) h.describe().get(kind)).doubleValue())
                    .tag("kind", kind).description("Screencast frames produced by Chromium, sent to viewers, dropped for slow viewers")
                    .register(registry);
        }
        Gauge.builder("browserhub.websocket.connections", connections, c -> c.listAll().size())
                .description("Open WebSocket connections on /rpc").register(registry);
        FunctionCounter.builder("browserhub.sessions.reaped", sessions, r -> r.counters().reaped())
                .description("Browsers stopped for being idle").register(registry);
        FunctionCounter.builder("browserhub.sessions.crashed", sessions, r -> r.counters().crashed())
                .description("Browsers that crashed or got stuck").register(registry);
    }

    @Override
    public void finished(CommandOutcome o) {
        Timer.builder("browserhub.commands")
                .description("Commands by method and outcome")
                .tag("method", o.method())
                .tag("outcome", o.outcome())
                .publishPercentileHistogram()
                .register(registry)
                .record(o.durationNanos(), TimeUnit.NANOSECONDS);
    }
}
