package io.browserhub.control;

import io.browserhub.client.Client;
import io.browserhub.client.ClientDisconnected;
import io.browserhub.client.ClientKind;
import io.browserhub.command.ControlGate;
import io.browserhub.config.HubConfig;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.live.EventHub;
import io.browserhub.session.Session;
import io.browserhub.session.SessionInfo;
import io.browserhub.session.SessionRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Control leases (DESIGN.md, "Control"): with no holder anyone drives; with one, only the holder does.
 * Waiting is FIFO with a timeout; a person may take over from an agent, never the reverse; a lease ends on
 * release, on disconnect, or after its TTL without a command. Every change is a control.changed event, which
 * also reaches the old and the new holder directly.
 */
@ApplicationScoped
public class ControlLeases implements ControlGate {

    private static final Runnable NOTHING = () -> { };

    /** The lease and the queue of one session. Guarded by itself. */
    private static final class SessionControl {
        final Session owner;
        Lease lease;
        final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

        SessionControl(Session owner) {
            this.owner = owner;
        }
    }

    private static final class Lease {
        final Client holder;
        final Instant since = Instant.now();
        long ttlNanos;
        long lastUsed = System.nanoTime();
        /** Commands of the holder admitted and not finished: the lease does not expire under them. */
        int running;

        Lease(Client holder, long ttlNanos) {
            this.holder = holder;
            this.ttlNanos = ttlNanos;
        }
    }

    private record Waiter(Client client, long ttlNanos, CompletableFuture<Map<String, Object>> granted) {
    }

    /** What to do once the lock is released: complete futures, whose callbacks may send responses. */
    private static final class After {
        final List<Runnable> actions = new ArrayList<>();

        void run() {
            actions.forEach(Runnable::run);
        }
    }

    private final SessionRegistry sessions;
    private final EventHub events;
    private final HubConfig.Control config;
    private final Map<String, SessionControl> controls = new ConcurrentHashMap<>();

    public ControlLeases(SessionRegistry sessions, EventHub events, HubConfig config) {
        this.sessions = sessions;
        this.events = events;
        this.config = config.control();
    }

    /** Completes with {holder, ttlMs}; CONTROL_HELD, or TIMEOUT when waiting ran out. */
    public CompletableFuture<Map<String, Object>> acquire(String sessionId, Client client, boolean wait, long timeoutMs,
                                                          Duration ttl, boolean force) {
        Session session = sessions.require(sessionId);
        long ttlNanos = ttl.toNanos();
        SessionControl c = control(session);
        synchronized (c) {
            Lease lease = c.lease;
            if (lease == null || lease.holder.id().equals(client.id())) {
                if (lease == null) {
                    c.lease = new Lease(client, ttlNanos);
                    changed(c, null, "acquired");
                } else {
                    lease.ttlNanos = ttlNanos;
                    lease.lastUsed = System.nanoTime();
                }
                return CompletableFuture.completedFuture(granted(c.lease));
            } else if (force) {
                if (client.kind() != ClientKind.HUMAN) {
                    throw held(c, lease, client, "only a person can force control; an agent waits with wait:true");
                }
                c.lease = new Lease(client, ttlNanos);
                changed(c, lease.holder, "forced");
                return CompletableFuture.completedFuture(granted(c.lease));
            } else if (wait) {
                Waiter waiter = new Waiter(client, ttlNanos, new CompletableFuture<>());
                c.waiting.addLast(waiter);
                if (timeoutMs > 0) {
                    CompletableFuture.delayedExecutor(timeoutMs, TimeUnit.MILLISECONDS).execute(() -> timedOut(c, waiter, timeoutMs));
                }
                return waiter.granted();
            } else {
                throw held(c, lease, client, null);
            }
        }
    }

    /** Ends the client's lease, handing control to the first waiter; false when the client held none. */
    public boolean release(String sessionId, Client client) {
        SessionControl c = controls.get(sessionId);
        if (c == null) {
            return false;
        }
        After after = new After();
        synchronized (c) {
            if (c.lease == null || !c.lease.holder.id().equals(client.id())) {
                return false;
            }
            end(c, "released", after);
        }
        after.run();
        return true;
    }

    /** {holder: null|{clientId, name, kind, since}, waiting, ttlMs?}. */
    public Map<String, Object> status(String sessionId) {
        Session session = sessions.require(sessionId);
        SessionControl c = control(session);
        synchronized (c) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("holder", c.lease == null ? null : controller(c.lease));
            status.put("waiting", (int) c.waiting.stream().filter(w -> !w.granted().isDone()).count());
            if (c.lease != null) {
                status.put("ttlMs", TimeUnit.NANOSECONDS.toMillis(c.lease.ttlNanos));
            }
            return status;
        }
    }

    @Override
    public Runnable admit(String sessionId, Client client) {
        SessionControl c = current(sessionId);
        if (c == null) {
            return NOTHING;
        }
        Lease lease;
        synchronized (c) {
            lease = c.lease;
            if (lease == null) {
                return NOTHING;
            }
            if (!lease.holder.id().equals(client.id())) {
                throw held(c, lease, client, null);
            }
            lease.running++;
            lease.lastUsed = System.nanoTime();
        }
        return () -> {
            synchronized (c) {
                lease.running--;
                lease.lastUsed = System.nanoTime();
            }
        };
    }

    @Override
    public void recheck(String sessionId, Client client) {
        SessionControl c = current(sessionId);
        if (c == null) {
            return;
        }
        synchronized (c) {
            Lease lease = c.lease;
            if (lease != null && !lease.holder.id().equals(client.id())) {
                throw held(c, lease, client, "control moved while this command waited in the queue, so it did not run");
            }
            if (lease != null) {
                lease.lastUsed = System.nanoTime();
            }
        }
    }

    @Override
    public void touch(String sessionId, Client client) {
        SessionControl c = controls.get(sessionId);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (c.lease != null && c.lease.holder.id().equals(client.id())) {
                c.lease.lastUsed = System.nanoTime();
            }
        }
    }

    @Override
    public Optional<SessionInfo.Controller> controller(String sessionId) {
        SessionControl c = current(sessionId);
        if (c == null) {
            return Optional.empty();
        }
        synchronized (c) {
            return Optional.ofNullable(c.lease).map(ControlLeases::controller);
        }
    }

    /** Ends leases whose holder sent no command for their TTL. */
    @Scheduled(every = "${browserhub.control.expiry-check-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        long now = System.nanoTime();
        for (SessionControl c : controls.values()) {
            if (current(c.owner.id()) != c) {
                continue;
            }
            After after = new After();
            synchronized (c) {
                Lease lease = c.lease;
                if (lease != null && lease.running == 0 && now - lease.lastUsed > lease.ttlNanos) {
                    end(c, "expired", after);
                }
            }
            after.run();
        }
    }

    void disconnected(@Observes ClientDisconnected event) {
        Client client = event.client();
        for (SessionControl c : controls.values()) {
            After after = new After();
            synchronized (c) {
                for (Iterator<Waiter> it = c.waiting.iterator(); it.hasNext(); ) {
                    Waiter w = it.next();
                    if (w.client().id().equals(client.id())) {
                        it.remove();
                        after.actions.add(() -> w.granted().cancel(false));
                    }
                }
                if (c.lease != null && c.lease.holder.id().equals(client.id())) {
                    end(c, "disconnected", after);
                }
            }
            after.run();
        }
    }

    /** Ends the current lease and grants control to the first waiter still waiting. Holds c. */
    private void end(SessionControl c, String reason, After after) {
        Lease ended = c.lease;
        c.lease = null;
        Waiter next;
        while ((next = c.waiting.pollFirst()) != null) {
            if (!next.granted().isDone()) {
                break;
            }
        }
        if (next != null) {
            c.lease = new Lease(next.client(), next.ttlNanos());
            Map<String, Object> grant = granted(c.lease);
            CompletableFuture<Map<String, Object>> future = next.granted();
            after.actions.add(() -> future.complete(grant));
        }
        changed(c, ended == null ? null : ended.holder, reason);
    }

    private void timedOut(SessionControl c, Waiter waiter, long timeoutMs) {
        HubException timeout;
        synchronized (c) {
            if (!c.waiting.remove(waiter)) {
                return; // granted meanwhile
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("session", c.owner.id());
            data.put("timeoutMs", timeoutMs);
            String holder = "nobody";
            if (c.lease != null) {
                data.put("holder", holderData(c.lease.holder));
                holder = describe(c.lease.holder);
            }
            timeout = new HubException(ErrorCode.TIMEOUT, "Control of session \"" + c.owner.id() + "\" did not come free within "
                    + timeoutMs + " ms: " + holder + " still holds it. Try again later, or wait longer with a larger timeoutMs.", data);
        }
        waiter.granted().completeExceptionally(timeout);
    }

    /** Broadcasts the change, and tells the old and the new holder even when they did not subscribe. Holds c. */
    private void changed(SessionControl c, Client previous, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("holder", c.lease == null ? null : controller(c.lease));
        Map<String, Object> before = null;
        if (previous != null) {
            before = new LinkedHashMap<>();
            before.put("clientId", previous.id());
            before.put("name", previous.name());
            before.put("kind", previous.kind().wire());
        }
        data.put("previous", before);
        data.put("reason", reason);
        data.put("waiting", c.waiting.size());
        List<String> concerned = new ArrayList<>();
        if (previous != null) {
            concerned.add(previous.id());
        }
        if (c.lease != null) {
            concerned.add(c.lease.holder.id());
        }
        events.emit(c.owner.id(), "control.changed", null, data, concerned);
    }

    private SessionControl control(Session session) {
        return controls.compute(session.id(), (id, old) -> old != null && old.owner == session ? old : new SessionControl(session));
    }

    /** The control of the session as it exists now; a deleted (or deleted and recreated) session's lease is gone. */
    private SessionControl current(String sessionId) {
        SessionControl c = controls.get(sessionId);
        if (c == null) {
            return null;
        }
        if (sessions.find(sessionId).orElse(null) != c.owner) {
            controls.remove(sessionId, c);
            return null;
        }
        return c;
    }

    private HubException held(SessionControl c, Lease lease, Client asking, String why) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("session", c.owner.id());
        data.put("holder", holderData(lease.holder));
        String hint = asking.kind() == ClientKind.HUMAN && lease.holder.kind() == ClientKind.AGENT
                ? "take over with control.acquire {force: true}, or wait with {wait: true}"
                : "wait for it with control.acquire {wait: true}, or ask them to release it";
        return new HubException(ErrorCode.CONTROL_HELD, "Session \"" + c.owner.id() + "\" is controlled by "
                + describe(lease.holder) + (why == null ? "" : "; " + why) + ". Reading methods still work; to drive, " + hint + ".", data);
    }

    private static Map<String, Object> granted(Lease lease) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("holder", controller(lease));
        result.put("ttlMs", TimeUnit.NANOSECONDS.toMillis(lease.ttlNanos));
        return result;
    }

    private static SessionInfo.Controller controller(Lease lease) {
        return new SessionInfo.Controller(lease.holder.id(), lease.holder.name(), lease.holder.kind().wire(), lease.since);
    }

    /** data.holder of CONTROL_HELD: {name, kind}. */
    private static Map<String, Object> holderData(Client client) {
        Map<String, Object> holder = new LinkedHashMap<>();
        holder.put("name", client.name());
        holder.put("kind", client.kind().wire());
        return holder;
    }

    private static String describe(Client client) {
        return client.kind().wire() + " \"" + client.name() + "\"";
    }

    Duration defaultTtl() {
        return config.defaultTtl();
    }

    Duration maxTtl() {
        return config.maxTtl();
    }
}
