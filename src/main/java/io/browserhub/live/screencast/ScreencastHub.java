package io.browserhub.live.screencast;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.client.Client;
import io.browserhub.client.ClientDisconnected;
import io.browserhub.command.HubInfoSection;
import io.browserhub.error.HubException;
import io.browserhub.session.Session;
import io.browserhub.session.SessionState;
import io.browserhub.session.ScreencastSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Screencast fan-out for the whole hub: one CDP screencast per session while it has viewers, each viewer
 * with its own window. Connections register how to reach them; HTTP clients cannot watch.
 */
@ApplicationScoped
public class ScreencastHub implements HubInfoSection {

    private static final Logger LOG = Logger.getLogger(ScreencastHub.class);

    private final ObjectMapper json;
    private final Map<String, ViewerSink> sinks = new ConcurrentHashMap<>();
    private final Map<String, SessionCast> casts = new ConcurrentHashMap<>();
    private final Map<String, Session> sessionsById = new ConcurrentHashMap<>();

    public ScreencastHub(ObjectMapper json) {
        this.json = json;
    }

    /** A WebSocket connection opened: frames for its client go through this sink. */
    public void connected(Client client, ViewerSink sink) {
        sinks.put(client.id(), sink);
    }

    /** A connection closed: it stops watching everything. */
    void disconnected(@Observes ClientDisconnected event) {
        Client client = event.client();
        sinks.remove(client.id());
        for (String sessionId : casts.keySet()) {
            Session session = sessionsById.get(sessionId);
            if (session != null) {
                stop(client, session);
            }
        }
    }

    public CompletionStage<Map<String, Object>> start(Client client, Session session, String tab, ScreencastSettings settings,
                                                      int window, boolean binary) {
        ViewerSink sink = sinks.get(client.id());
        if (sink == null) {
            throw HubException.invalidParams("Screencasts stream over the WebSocket (/rpc); this connection cannot receive frames.");
        }
        SessionCast cast = casts.computeIfAbsent(session.id(), id -> new SessionCast(id, json, reason -> ended(session, reason)));
        sessionsById.put(session.id(), session);
        boolean first = !cast.hasViewers();
        boolean wasWatching = cast.viewer(client) != null;
        // (re)start the CDP screencast: for the first viewer, and when a viewer names another tab
        CompletableFuture<Void> started = first || tab != null
                ? session.execute(live -> {
                    live.startScreencast(tab, settings, cast);
                    return null;
                })
                : CompletableFuture.completedFuture(null);
        return started.thenApply(x -> {
            cast.add(new Viewer(client, sink, window, binary));
            if (!wasWatching) {
                session.viewerJoined();
            }
            return Map.<String, Object>of("started", true);
        });
    }

    public Map<String, Object> ack(Client client, String sessionId, long seq) {
        SessionCast cast = casts.get(sessionId);
        Viewer viewer = cast == null ? null : cast.viewer(client);
        if (viewer == null) {
            throw HubException.invalidParams("This connection is not watching session \"" + sessionId + "\"; call screencast.start first.");
        }
        viewer.ack(seq);
        return Map.of("acked", seq);
    }

    public CompletionStage<Map<String, Object>> stop(Client client, Session session) {
        SessionCast cast = casts.get(session.id());
        if (cast == null || cast.remove(client) == null) {
            return CompletableFuture.completedFuture(Map.of("stopped", false));
        }
        session.viewerLeft();
        if (!cast.hasViewers() && session.state() == SessionState.RUNNING) {
            return session.execute(live -> {
                // a viewer may have joined while this waited in the queue
                if (!cast.hasViewers()) {
                    live.stopScreencast();
                }
                return Map.<String, Object>of("stopped", true);
            });
        }
        return CompletableFuture.completedFuture(Map.of("stopped", true));
    }

    @Override
    public String name() {
        return "screencast";
    }

    /** Frames produced, sent and dropped: per session and in total. */
    @Override
    public Map<String, Object> describe() {
        Map<String, Object> perSession = new LinkedHashMap<>();
        long produced = 0;
        long sent = 0;
        long dropped = 0;
        int viewers = 0;
        for (Map.Entry<String, SessionCast> e : casts.entrySet()) {
            SessionCast c = e.getValue();
            perSession.put(e.getKey(), Map.of("produced", c.produced(), "sent", c.sent(), "dropped", c.dropped(), "viewers", c.viewers().size()));
            produced += c.produced();
            sent += c.sent();
            dropped += c.dropped();
            viewers += c.viewers().size();
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("produced", produced);
        stats.put("sent", sent);
        stats.put("dropped", dropped);
        stats.put("viewers", viewers);
        stats.put("sessions", perSession);
        return stats;
    }

    /** Frames a viewer holds now (for tests of the window bound). */
    public int held(Client client, String sessionId) {
        SessionCast cast = casts.get(sessionId);
        Viewer viewer = cast == null ? null : cast.viewer(client);
        return viewer == null ? 0 : viewer.held();
    }

    /** The browser stopped or crashed: every viewer hears it and must start watching again. */
    private void ended(Session session, String reason) {
        SessionCast cast = casts.get(session.id());
        if (cast == null) {
            return;
        }
        String notice;
        try {
            notice = json.writeValueAsString(Map.of("jsonrpc", "2.0", "method", "screencast.ended",
                    "params", Map.of("session", session.id(), "reason", reason)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (Viewer viewer : cast.viewers()) {
            cast.remove(viewer.client);
            session.viewerLeft();
            ViewerSink sink = sinks.get(viewer.client.id());
            if (sink != null) {
                sink.text(notice);
            }
        }
        LOG.debugf("Screencast of %s ended: %s", session.id(), reason);
    }
}
