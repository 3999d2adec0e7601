package io.browserhub.live.screencast;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.client.Client;
import io.browserhub.client.ClientDisconnected;
import io.browserhub.command.HubInfoSection;
import io.browserhub.error.HubException;
import io.browserhub.live.Notification;
import io.browserhub.observability.LogText;
import io.browserhub.session.ScreencastSettings;
import io.browserhub.session.Session;
import io.browserhub.session.SessionDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Screencast fan-out for the whole hub: one CDP screencast per watched session tab (or per session following
 * its active tab) while it has viewers, each viewer with its own window. A client watches one target per
 * session at a time. Connections register how to reach them; HTTP clients cannot watch.
 */
@ApplicationScoped
public class ScreencastHub implements HubInfoSection {

    private static final Logger LOG = Logger.getLogger(ScreencastHub.class);

    private final ObjectMapper json;
    private final Map<String, ViewerSink> sinks = new ConcurrentHashMap<>();
    /** By session id and target ("*" = the active tab); a session's casts go when it is deleted. */
    private final Map<String, SessionCast> casts = new ConcurrentHashMap<>();
    /** By client id and session id: the cast key the client watches. */
    private final Map<String, String> watching = new ConcurrentHashMap<>();
    /**
     * Frames produced, sent and dropped by the casts of deleted sessions, so that the totals only ever grow. Its lock
     * makes moving a cast out of {@link #casts} into it one step for {@link #describe}; taken before a map's, never after.
     */
    private final long[] retired = new long[3];

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
        for (SessionCast cast : List.copyOf(casts.values())) {
            if (cast.viewer(client) == null) {
                continue;
            }
            try {
                stop(client, cast.owner);
            } catch (RuntimeException e) {
                // the other sessions' casts, and the other observers of this disconnection, must still hear of it
                LOG.warnf(e, "Stopping the screencasts of %s, session %s", LogText.escape(client.toString()), LogText.escape(cast.owner.id()));
            }
        }
    }

    /** A deleted session's casts go; a viewer still on one hears that it ended. */
    void deleted(@Observes SessionDeleted event) {
        Session session = event.session();
        List<SessionCast> gone = new ArrayList<>();
        synchronized (retired) {
            for (Map.Entry<String, SessionCast> e : casts.entrySet()) {
                SessionCast cast = e.getValue();
                if (cast.owner == session && casts.remove(e.getKey(), cast)) {
                    retire(cast);
                    gone.add(cast);
                }
            }
        }
        gone.forEach(cast -> ended(cast, "session deleted"));
    }

    /** Keeps the counts of a cast taken out of the map. Holds {@link #retired}. */
    private void retire(SessionCast cast) {
        retired[0] += cast.produced();
        retired[1] += cast.sent();
        retired[2] += cast.dropped();
    }

    public CompletionStage<Map<String, Object>> start(Client client, Session session, String tab, ScreencastSettings settings,
                                                      int window, boolean binary) {
        ViewerSink sink = sinks.get(client.id());
        if (sink == null) {
            throw HubException.invalidParams("Screencasts stream over the WebSocket (/rpc); this connection cannot receive frames.");
        }
        String key = castKey(session.id(), tab);
        String previous = watching.get(watchKey(client, session));
        if (previous != null && !previous.equals(key)) {
            stop(client, session);
        }
        SessionCast[] stale = new SessionCast[1];
        SessionCast cast;
        synchronized (retired) {
            cast = casts.compute(key, (k, old) -> {
                if (old != null && old.owner == session) {
                    return old;
                }
                stale[0] = old; // a deleted session's, whose deletion is still under way: this session took its id
                return new SessionCast(session, tab, json, this::ended);
            });
            if (stale[0] != null) {
                retire(stale[0]);
            }
        }
        if (stale[0] != null) {
            ended(stale[0], "session deleted");
        }
        CompletableFuture<Void> started = cast.hasViewers()
                ? CompletableFuture.completedFuture(null)
                : session.execute(live -> {
                    live.startScreencast(tab, settings, cast);
                    return null;
                });
        return started.thenApply(x -> {
            boolean already = cast.viewer(client) != null;
            cast.add(new Viewer(client, sink, window, binary));
            watching.put(watchKey(client, session), key);
            if (!already) {
                session.viewerJoined();
            }
            return Map.<String, Object>of("started", true);
        });
    }

    public Map<String, Object> ack(Client client, String sessionId, long seq) {
        String key = watching.get(client.id() + "/" + sessionId);
        SessionCast cast = key == null ? null : casts.get(key);
        Viewer viewer = cast == null ? null : cast.viewer(client);
        if (viewer == null) {
            throw HubException.invalidParams("This connection is not watching session \"" + sessionId + "\"; call screencast.start first.");
        }
        viewer.ack(seq);
        return Map.of("acked", seq);
    }

    public CompletionStage<Map<String, Object>> stop(Client client, Session session) {
        String key = watching.remove(watchKey(client, session));
        SessionCast cast = key == null ? null : casts.get(key);
        if (cast == null || cast.remove(client) == null) {
            return CompletableFuture.completedFuture(Map.of("stopped", false));
        }
        session.viewerLeft();
        if (!cast.hasViewers()) {
            // only a running browser has a cast to stop: never start one for this, nor count it as activity (a
            // session being deleted has its browser ended anyway)
            Optional<CompletableFuture<Map<String, Object>>> stopping = session.ifRunning(live -> {
                // a viewer may have joined while this waited in the queue
                if (!cast.hasViewers()) {
                    live.stopScreencast(cast.fixedTab);
                }
                return Map.<String, Object>of("stopped", true);
            });
            if (stopping.isPresent()) {
                return stopping.get();
            }
        }
        return CompletableFuture.completedFuture(Map.of("stopped", true));
    }

    @Override
    public String name() {
        return "screencast";
    }

    /**
     * Frames produced, sent and dropped, and viewers: per session the hub has, and in total since the hub started (deleted
     * sessions' frames included, so the totals never go down: they are also counters in /q/metrics).
     */
    @Override
    public Map<String, Object> describe() {
        Map<String, long[]> perSession = new LinkedHashMap<>();
        long[] total = new long[4];
        synchronized (retired) {
            System.arraycopy(retired, 0, total, 0, retired.length);
            for (SessionCast c : casts.values()) {
                long[] counts = {c.produced(), c.sent(), c.dropped(), c.viewers().size()};
                long[] s = perSession.computeIfAbsent(c.owner.id(), id -> new long[4]);
                for (int i = 0; i < 4; i++) {
                    s[i] += counts[i];
                    total[i] += counts[i];
                }
            }
        }
        Map<String, Object> sessions = new LinkedHashMap<>();
        perSession.forEach((id, s) -> sessions.put(id, counters(s)));
        Map<String, Object> stats = counters(total);
        stats.put("sessions", sessions);
        return stats;
    }

    private static Map<String, Object> counters(long[] c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("produced", c[0]);
        m.put("sent", c[1]);
        m.put("dropped", c[2]);
        m.put("viewers", c[3]);
        return m;
    }

    /** The browser stopped or crashed, or a watched tab closed: the cast's viewers hear it and must start again. */
    private void ended(SessionCast cast, String reason) {
        Session session = cast.owner;
        String key = castKey(session.id(), cast.fixedTab);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("session", session.id());
        params.put("tab", cast.fixedTab);
        params.put("reason", reason);
        Notification notice;
        try {
            notice = new Notification("screencast.ended", json.writeValueAsString(params));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (Viewer viewer : new ArrayList<>(cast.viewers())) {
            cast.remove(viewer.client);
            watching.remove(watchKey(viewer.client, session), key);
            session.viewerLeft();
            ViewerSink sink = sinks.get(viewer.client.id());
            if (sink != null) {
                sink.notify(notice);
            }
        }
        LOG.debugf("Screencast %s ended: %s", key, LogText.escape(reason));
    }

    private static String castKey(String sessionId, String tab) {
        return sessionId + "/" + (tab == null ? "*" : tab);
    }

    private static String watchKey(Client client, Session session) {
        return client.id() + "/" + session.id();
    }
}
