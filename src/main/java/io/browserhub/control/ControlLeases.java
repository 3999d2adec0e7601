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
import io.browserhub.session.event.ControlChanged;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Control leases (DESIGN.md, "Control"): with no holder anyone drives; with one, only the holder does.
 * Waiting is FIFO with a timeout; a person may take over from an agent, never the reverse; a lease ends on
 * release, on disconnect, or after its TTL without a command. Every change is a control.changed event, which
 * also reaches the old and the new holder directly.
 */
@ApplicationScoped
public class ControlLeases implements ControlGate {

    private static final Runnable NOTHING = () -> { };

    /** The lease book of one session, guarded by itself. */
    private static final class SessionControl {
        final Session owner;
        final LeaseBook book;

        SessionControl(Session owner, LongSupplier nanoClock) {
            this.owner = owner;
            this.book = new LeaseBook(nanoClock);
        }
    }

    /** What control.acquire answers: the holder (now the caller) and its TTL. */
    public record Grant(SessionInfo.Controller holder, long ttlMs) {
    }

    /** What control.status answers: the holder (null: nobody), how many wait, and the holder's TTL when there is one. */
    public record Status(SessionInfo.Controller holder, int waiting, Long ttlMs) {
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
    private final LongSupplier nanoClock = System::nanoTime;

    public ControlLeases(SessionRegistry sessions, EventHub events, HubConfig config) {
        this.sessions = sessions;
        this.events = events;
        this.config = config.control();
    }

    /** Completes with the grant; CONTROL_HELD, or TIMEOUT when waiting ran out. */
    public CompletableFuture<Grant> acquire(String sessionId, Client client, boolean wait, long timeoutMs, Duration ttl, boolean force) {
        Session session = sessions.require(sessionId);
        long ttlNanos = ttl.toNanos();
        SessionControl c = control(session);
        synchronized (c) {
            LeaseBook.Lease lease = c.book.lease();
            if (lease == null) {
                c.book.grant(client, ttlNanos);
                changed(c, null, "acquired");
                return CompletableFuture.completedFuture(granted(c.book.lease()));
            } else if (c.book.heldBy(client)) {
                c.book.renew(ttlNanos);
                return CompletableFuture.completedFuture(granted(lease));
            } else if (force) {
                if (client.kind() != ClientKind.HUMAN) {
                    throw held(c, lease, client, "only a person can force control; an agent waits with wait:true");
                }
                c.book.grant(client, ttlNanos);
                changed(c, lease.holder, "forced");
                return CompletableFuture.completedFuture(granted(c.book.lease()));
            } else if (wait) {
                LeaseBook.Waiter waiter = new LeaseBook.Waiter(client, ttlNanos, new CompletableFuture<>());
                c.book.enqueue(waiter);
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
            if (!c.book.heldBy(client)) {
                return false;
            }
            end(c, "released", after);
        }
        after.run();
        return true;
    }

    public Status status(String sessionId) {
        Session session = sessions.require(sessionId);
        SessionControl c = control(session);
        synchronized (c) {
            LeaseBook.Lease lease = c.book.lease();
            return new Status(lease == null ? null : controller(lease), c.book.waitingCount(),
                    lease == null ? null : TimeUnit.NANOSECONDS.toMillis(lease.ttlNanos));
        }
    }

    @Override
    public Runnable admit(String sessionId, Client client) {
        SessionControl c = current(sessionId);
        if (c == null) {
            return NOTHING;
        }
        LeaseBook.Lease lease;
        synchronized (c) {
            lease = c.book.lease();
            if (lease == null) {
                return NOTHING;
            }
            if (!c.book.heldBy(client)) {
                throw held(c, lease, client, null);
            }
            c.book.admit(lease);
        }
        return () -> {
            synchronized (c) {
                c.book.finished(lease);
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
            LeaseBook.Lease lease = c.book.lease();
            if (lease != null && !c.book.heldBy(client)) {
                throw held(c, lease, client, "control moved while this command waited in the queue, so it did not run");
            }
            c.book.touch(client);
        }
    }

    @Override
    public void touch(String sessionId, Client client) {
        SessionControl c = controls.get(sessionId);
        if (c == null) {
            return;
        }
        synchronized (c) {
            c.book.touch(client);
        }
    }

    @Override
    public Optional<SessionInfo.Controller> controller(String sessionId) {
        SessionControl c = current(sessionId);
        if (c == null) {
            return Optional.empty();
        }
        synchronized (c) {
            return Optional.ofNullable(c.book.lease()).map(ControlLeases::controller);
        }
    }

    /** Ends leases whose holder sent no command for their TTL. */
    @Scheduled(every = "${browserhub.control.expiry-check-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        for (SessionControl c : controls.values()) {
            if (current(c.owner.id()) != c) {
                continue;
            }
            After after = new After();
            synchronized (c) {
                if (c.book.expired()) {
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
                for (LeaseBook.Waiter w : c.book.leaveAll(client)) {
                    after.actions.add(() -> w.granted().cancel(false));
                }
                if (c.book.heldBy(client)) {
                    end(c, "disconnected", after);
                }
            }
            after.run();
        }
    }

    /** Ends the current lease and grants control to the first waiter still waiting. Holds c. */
    private void end(SessionControl c, String reason, After after) {
        LeaseBook.Handover handover = c.book.end();
        if (handover.next() != null) {
            Grant grant = granted(c.book.lease());
            CompletableFuture<Grant> future = handover.next().granted();
            after.actions.add(() -> future.complete(grant));
        }
        changed(c, handover.ended(), reason);
    }

    private void timedOut(SessionControl c, LeaseBook.Waiter waiter, long timeoutMs) {
        HubException timeout;
        synchronized (c) {
            if (!c.book.leave(waiter)) {
                return; // granted meanwhile
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("session", c.owner.id());
            data.put("timeoutMs", timeoutMs);
            String holder = "nobody";
            LeaseBook.Lease lease = c.book.lease();
            if (lease != null) {
                data.put("holder", holderData(lease.holder));
                holder = describe(lease.holder);
            }
            timeout = new HubException(ErrorCode.TIMEOUT, "Control of session \"" + c.owner.id() + "\" did not come free within "
                    + timeoutMs + " ms: " + holder + " still holds it. Try again later, or wait longer with a larger timeoutMs.", data);
        }
        waiter.granted().completeExceptionally(timeout);
    }

    /** Broadcasts the change, and tells the old and the new holder even when they did not subscribe. Holds c. */
    private void changed(SessionControl c, Client previous, String reason) {
        LeaseBook.Lease lease = c.book.lease();
        ControlChanged.ClientRef before = previous == null ? null
                : new ControlChanged.ClientRef(previous.id(), previous.name(), previous.kind().wire());
        List<String> concerned = new ArrayList<>();
        if (previous != null) {
            concerned.add(previous.id());
        }
        if (lease != null) {
            concerned.add(lease.holder.id());
        }
        events.emit(c.owner.id(), null, new ControlChanged(lease == null ? null : controller(lease), before, reason, c.book.queued()), concerned);
    }

    private SessionControl control(Session session) {
        return controls.compute(session.id(), (id, old) -> old != null && old.owner == session ? old : new SessionControl(session, nanoClock));
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

    private HubException held(SessionControl c, LeaseBook.Lease lease, Client asking, String why) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("session", c.owner.id());
        data.put("holder", holderData(lease.holder));
        String hint = asking.kind() == ClientKind.HUMAN && lease.holder.kind() == ClientKind.AGENT
                ? "take over with control.acquire {force: true}, or wait with {wait: true}"
                : "wait for it with control.acquire {wait: true}, or ask them to release it";
        return new HubException(ErrorCode.CONTROL_HELD, "Session \"" + c.owner.id() + "\" is controlled by "
                + describe(lease.holder) + (why == null ? "" : "; " + why) + ". Reading methods still work; to drive, " + hint + ".", data);
    }

    private static Grant granted(LeaseBook.Lease lease) {
        return new Grant(controller(lease), TimeUnit.NANOSECONDS.toMillis(lease.ttlNanos));
    }

    private static SessionInfo.Controller controller(LeaseBook.Lease lease) {
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
