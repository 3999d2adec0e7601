package io.browserhub.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.activity.ActivityLog;
import io.browserhub.client.Client;
import io.browserhub.client.ClientDisconnected;
import io.browserhub.config.HubConfig;
import io.browserhub.observability.LogText;
import io.browserhub.session.Session;
import io.browserhub.session.SessionDeleted;
import io.browserhub.session.SessionEvents;
import io.browserhub.session.SessionRegistry;
import io.browserhub.session.event.SessionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Where every session event goes: named and encoded (the one place session events become JSON), numbered per
 * session, appended to the session's activity log, and fanned out to the WebSocket clients subscribed to that
 * session, each through its own bounded {@link Outbox}. The event is encoded once, whoever receives it. Replaces the
 * logging default bean.
 */
@ApplicationScoped
public class EventHub implements SessionEvents {

    private static final Logger LOG = Logger.getLogger(EventHub.class);

    /** Per session: its numbering and its subscribers. Mutable state is guarded by the stream itself. */
    private static final class Stream {
        final Session owner;
        final Map<String, Subscription> subscribers;
        long seq = -1;
        volatile List<EventKinds> filters = List.of();

        Stream(Session owner, Map<String, Subscription> subscribers) {
            this.owner = owner;
            this.subscribers = subscribers;
            refilter();
        }

        void refilter() {
            filters = subscribers.values().stream().map(Subscription::kinds).toList();
        }
    }

    private record Subscription(Outbox outbox, EventKinds kinds) {
    }

    private final SessionRegistry sessions;
    private final ActivityLog activity;
    private final ObjectMapper json;
    private final HubConfig.Events config;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();

    public EventHub(SessionRegistry sessions, ActivityLog activity, ObjectMapper json, HubConfig config) {
        this.sessions = sessions;
        this.activity = activity;
        this.json = json;
        this.config = config.events();
    }

    /** A connection that can receive notifications (a WebSocket; HTTP clients never register). */
    public void connected(Client client, NotificationSink sink) {
        outboxes.put(client.id(), new Outbox(sink, config.queueCapacity(), config.maxInFlight()));
    }

    public boolean canNotify(Client client) {
        return outboxes.containsKey(client.id());
    }

    void disconnected(@Observes ClientDisconnected event) {
        Outbox outbox = outboxes.remove(event.client().id());
        if (outbox != null) {
            outbox.close();
        }
        for (Stream stream : streams.values()) {
            boolean left;
            synchronized (stream) {
                left = stream.subscribers.remove(event.client().id()) != null;
                if (left) {
                    stream.refilter();
                }
            }
            if (left) {
                forgetIfDeleted(stream); // it may have been the last subscriber of a deleted session's id
            }
        }
    }

    /** A deleted session's stream goes, unless clients are still subscribed to its id (they stay for a session created again under it). */
    void deleted(@Observes SessionDeleted event) {
        Stream stream = streams.get(event.session().id());
        if (stream != null && stream.owner == event.session()) {
            forgetIfDeleted(stream);
        }
    }

    private void forgetIfDeleted(Stream stream) {
        streams.computeIfPresent(stream.owner.id(), (id, current) -> {
            if (current != stream || sessions.find(id).orElse(null) == stream.owner) {
                return current;
            }
            synchronized (stream) {
                return stream.subscribers.isEmpty() ? null : stream;
            }
        });
    }

    /** Whether this holds anything of the session with this id (its numbering, its subscribers). */
    boolean holds(String sessionId) {
        return streams.containsKey(sessionId);
    }

    /**
     * Subscribes the client to the session's events (replacing its earlier kinds); returns the seq of the
     * latest event, so the client can read what came before from the activity log.
     */
    public long subscribe(Client client, Session session, EventKinds kinds) {
        Outbox outbox = outboxes.get(client.id());
        if (outbox == null) {
            throw new IllegalStateException(client + " cannot receive notifications");
        }
        Stream stream = stream(session);
        synchronized (stream) {
            stream.subscribers.put(client.id(), new Subscription(outbox, kinds));
            stream.refilter();
            return numbered(stream);
        }
    }

    /** Returns whether the client was subscribed (to a deleted session's id too: subscriptions outlive it). */
    public boolean unsubscribe(Client client, String sessionId) {
        Stream stream = streams.get(sessionId);
        if (stream == null) {
            return false;
        }
        boolean was;
        synchronized (stream) {
            was = stream.subscribers.remove(client.id()) != null;
            stream.refilter();
        }
        forgetIfDeleted(stream);
        return was;
    }

    @Override
    public boolean wantsNetwork(String sessionId) {
        Stream stream = streams.get(sessionId);
        if (stream == null) {
            return false;
        }
        for (EventKinds filter : stream.filters) {
            if (filter.wantsNetwork()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void emit(String sessionId, String tab, SessionEvent event) {
        emit(sessionId, tab, event, List.of());
    }

    /**
     * Emits an event that also goes, subscribed or not, to the given clients (a control change reaches the
     * clients it concerns even when they never subscribed).
     */
    public void emit(String sessionId, String tab, SessionEvent event, Collection<String> alsoToClients) {
        Session session = sessions.find(sessionId).orElse(null);
        if (session == null) {
            return; // a deleted session, or a command that named no real one
        }
        String kind = EventKinds.of(event);
        Stream stream = stream(session);
        List<Outbox> targets = new ArrayList<>();
        synchronized (stream) {
            long seq = numbered(stream) + 1;
            stream.seq = seq;
            String params;
            try {
                params = json.writeValueAsString(new EventEnvelope(seq, Instant.now().toString(), sessionId, kind, tab, event));
            } catch (JsonProcessingException e) {
                LOG.warnf(LogText.safe(e), "Cannot encode a %s event of session %s", LogText.escape(kind), LogText.escape(sessionId));
                return;
            }
            activity.append(session, params);
            Notification notification = new Notification("event", params);
            for (Map.Entry<String, Subscription> e : stream.subscribers.entrySet()) {
                if (e.getValue().kinds().matches(kind) || alsoToClients.contains(e.getKey())) {
                    e.getValue().outbox().offer(sessionId, seq, notification);
                    targets.add(e.getValue().outbox());
                }
            }
            for (String clientId : alsoToClients) {
                Outbox outbox = outboxes.get(clientId);
                if (outbox != null && !stream.subscribers.containsKey(clientId)) {
                    outbox.offer(sessionId, seq, notification);
                    targets.add(outbox);
                }
            }
        }
        targets.forEach(Outbox::drain);
    }

    /** The latest seq; the first time since the hub started, it goes on from the numbering in the log. Holds the stream. */
    private long numbered(Stream stream) {
        if (stream.seq < 0) {
            stream.seq = activity.lastSeq(stream.owner);
        }
        return stream.seq;
    }

    private Stream stream(Session session) {
        // a session deleted and created again under the same id starts a new numbering; subscribers stay
        return streams.compute(session.id(), (id, old) -> {
            if (old != null && old.owner == session) {
                return old;
            }
            Map<String, Subscription> subscribers = new LinkedHashMap<>();
            if (old != null) {
                synchronized (old) {
                    subscribers.putAll(old.subscribers);
                }
            }
            return new Stream(session, subscribers);
        });
    }
}
