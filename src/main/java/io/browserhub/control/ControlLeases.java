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
import io.browserhub.session.SessionDeleted;
import io.browserhub.session.SessionInfo;
import io.browserhub.session.SessionRegistry;
import io.browserhub.session.TabInfo;
import io.browserhub.session.event.ControlChanged;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Control leases (DESIGN.md "Control", docs/sharing.md): who may drive a session, or one tab of it, right now. With no
 * holder anyone drives; with one, only the holder does. The lease of the whole session wins over tab leases (a person
 * taking the session over); a tab lease keeps other clients' driving commands off that tab while they work in theirs.
 * Waiting is FIFO with a timeout; a person may take over from an agent, never the reverse; a lease ends on release,
 * on disconnect, after its TTL without a command, and (a tab lease) when its tab closes. Every change is a
 * control.changed event, which also reaches the old and the new holder directly.
 */
@ApplicationScoped
public class ControlLeases implements ControlGate {

    private static final Runnable NOTHING = () -> { };

    /** The lease books of one session: the whole session's and one per leased tab. Guarded by itself. */
    private static final class SessionControl {
        final Session owner;
        final LongSupplier nanoClock;
        final LeaseBook book;
        final Map<String, LeaseBook> tabs = new LinkedHashMap<>();

        SessionControl(Session owner, LongSupplier nanoClock) {
            this.owner = owner;
            this.nanoClock = nanoClock;
            this.book = new LeaseBook(nanoClock);
        }

        /** The book of a tab (null: of the whole session). */
        LeaseBook book(String tab) {
            return tab == null ? book : tabs.computeIfAbsent(tab, t -> new LeaseBook(nanoClock));
        }

        /** Tab books with a lease or a waiter. */
        Map<String, LeaseBook> leasedTabs() {
            tabs.values().removeIf(b -> b.lease() == null && b.queued() == 0);
            return tabs;
        }
    }

    /** What control.acquire answers: the holder (now the caller), its TTL, and the tab when it leased one. */
    public record Grant(SessionInfo.Controller holder, long ttlMs, String tab) {
    }

    /** One leased tab in control.status. */
    public record TabLease(String tab, SessionInfo.Controller holder, long ttlMs, int waiting) {
    }

    /**
     * What control.status answers: the holder of the whole session (null: nobody), how many wait for it, its TTL when
     * there is one, and the leased tabs.
     */
    public record Status(SessionInfo.Controller holder, int waiting, Long ttlMs, List<TabLease> tabs) {
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

    /**
     * Leases the whole session ({@code tab} null) or one tab to the client. Completes with the grant; CONTROL_HELD, or
     * TIMEOUT when waiting ran out.
     */
    public CompletableFuture<Grant> acquire(String sessionId, String tab, Client client, boolean wait, long timeoutMs,
                                            Duration ttl, boolean force) {
        Session session = sessions.require(sessionId);
        if (tab != null && session.info().tabs().stream().noneMatch(t -> t.id().equals(tab))) {
            throw new HubException(ErrorCode.TAB_NOT_FOUND, "No tab \"" + tab + "\" in session \"" + sessionId + "\"; tab.list names them.",
                    Map.of("session", sessionId, "tab", tab));
        }
        long ttlNanos = ttl.toNanos();
        SessionControl c = control(session);
        synchronized (c) {
            if (tab != null) {
                LeaseBook.Lease whole = c.book.lease();
                if (whole != null && !c.book.heldBy(client)) {
                    throw held(c, null, whole, client, "a tab can be leased once the whole session is free again");
                }
            } else if (!c.book.heldBy(client)) {
                Map.Entry<String, LeaseBook.Lease> other = otherTabLease(c, client);
                if (other != null && !(force && client.kind() == ClientKind.HUMAN)) {
                    throw held(c, other.getKey(), other.getValue(), client, client.kind() == ClientKind.HUMAN
                            ? "take the whole session over with force: true, or lease a free tab with tab"
                            : "agents share a session tab by tab while others hold tabs: lease a free tab with tab");
                }
            }
            LeaseBook book = c.book(tab);
            LeaseBook.Lease lease = book.lease();
            if (lease == null) {
                book.grant(client, ttlNanos);
                changed(c, tab, null, "acquired");
                return CompletableFuture.completedFuture(granted(book.lease(), tab));
            } else if (book.heldBy(client)) {
                book.renew(ttlNanos);
                return CompletableFuture.completedFuture(granted(lease, tab));
            } else if (force) {
                if (client.kind() != ClientKind.HUMAN) {
                    throw held(c, tab, lease, client, "only a person can force control; an agent waits with wait:true");
                }
                book.grant(client, ttlNanos);
                changed(c, tab, lease.holder, "forced");
                return CompletableFuture.completedFuture(granted(book.lease(), tab));
            } else if (wait) {
                LeaseBook.Waiter waiter = new LeaseBook.Waiter(client, ttlNanos, new CompletableFuture<>());
                book.enqueue(waiter);
                if (timeoutMs > 0) {
                    CompletableFuture.delayedExecutor(timeoutMs, TimeUnit.MILLISECONDS).execute(() -> timedOut(c, tab, waiter, timeoutMs));
                }
                return waiter.granted();
            } else {
                throw held(c, tab, lease, client, null);
            }
        }
    }

    /** Ends the client's lease of the session ({@code tab} null) or of a tab, handing it to the first waiter. */
    public boolean release(String sessionId, String tab, Client client) {
        SessionControl c = controls.get(sessionId);
        if (c == null) {
            return false;
        }
        After after = new After();
        synchronized (c) {
            LeaseBook book = tab == null ? c.book : c.tabs.get(tab);
            if (book == null || !book.heldBy(client)) {
                return false;
            }
            end(c, tab, book, "released", after);
        }
        after.run();
        return true;
    }

    public Status status(String sessionId) {
        Session session = sessions.require(sessionId);
        SessionControl c = control(session);
        synchronized (c) {
            LeaseBook.Lease lease = c.book.lease();
            List<TabLease> tabs = new ArrayList<>();
            c.leasedTabs().forEach((tab, book) -> {
                LeaseBook.Lease l = book.lease();
                if (l != null) {
                    tabs.add(new TabLease(tab, controller(l), TimeUnit.NANOSECONDS.toMillis(l.ttlNanos), book.waitingCount()));
                }
            });
            return new Status(lease == null ? null : controller(lease), c.book.waitingCount(),
                    lease == null ? null : TimeUnit.NANOSECONDS.toMillis(lease.ttlNanos), tabs);
        }
    }

    @Override
    public Runnable admit(String sessionId, String tab, Client client) {
        SessionControl c = current(sessionId);
        if (c == null) {
            return NOTHING;
        }
        List<Runnable> finish = new ArrayList<>(2);
        synchronized (c) {
            check(c, tab, client, null);
            LeaseBook tabBook = tab == null ? null : c.tabs.get(tab);
            for (LeaseBook book : tabBook == null ? List.of(c.book) : List.of(c.book, tabBook)) {
                LeaseBook.Lease lease = book.lease();
                if (lease != null) {
                    book.admit(lease);
                    finish.add(() -> book.finished(lease));
                }
            }
        }
        if (finish.isEmpty()) {
            return NOTHING;
        }
        return () -> {
            synchronized (c) {
                finish.forEach(Runnable::run);
            }
        };
    }

    @Override
    public void recheck(String sessionId, String tab, Client client) {
        SessionControl c = current(sessionId);
        if (c == null) {
            return;
        }
        synchronized (c) {
            check(c, tab, client, "control moved while this command waited in the queue, so it did not run");
            touchAll(c, client);
        }
    }

    @Override
    public void touch(String sessionId, Client client) {
        SessionControl c = controls.get(sessionId);
        if (c == null) {
            return;
        }
        synchronized (c) {
            touchAll(c, client);
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

    @Override
    public Optional<String> leasedTab(String sessionId, Client client) {
        SessionControl c = current(sessionId);
        if (c == null) {
            return Optional.empty();
        }
        synchronized (c) {
            List<String> own = c.leasedTabs().entrySet().stream().filter(e -> e.getValue().heldBy(client)).map(Map.Entry::getKey).toList();
            return own.size() == 1 ? Optional.of(own.get(0)) : Optional.empty();
        }
    }

    @Override
    public void leaseNewTab(String sessionId, String tab, Client client) {
        Session session = sessions.require(sessionId);
        SessionControl c = control(session);
        synchronized (c) {
            LeaseBook book = c.book(tab);
            if (book.lease() == null) {
                book.grant(client, config.defaultTtl().toNanos());
                changed(c, tab, null, "acquired");
            }
        }
    }

    /** Ends leases whose holder sent no command for their TTL, and tab leases whose tab has closed. */
    @Scheduled(every = "${browserhub.control.expiry-check-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        for (SessionControl c : controls.values()) {
            if (current(c.owner.id()) != c) {
                continue;
            }
            Set<String> open = c.owner.info().tabs().stream().map(TabInfo::id).collect(Collectors.toSet());
            After after = new After();
            synchronized (c) {
                if (c.book.expired()) {
                    end(c, null, c.book, "expired", after);
                }
                for (Map.Entry<String, LeaseBook> e : new ArrayList<>(c.leasedTabs().entrySet())) {
                    // the tab list lags behind the browser: a tab leased by the command that opened it (tab.new
                    // {lease: true}) can be missing from it for a while (LeaseBook.tabMissing)
                    if (e.getValue().lease() != null && e.getValue().tabMissing(!open.contains(e.getKey()))) {
                        end(c, e.getKey(), e.getValue(), "tab closed", after);
                    } else if (e.getValue().expired()) {
                        end(c, e.getKey(), e.getValue(), "expired", after);
                    }
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
                forEachBook(c, (tab, book) -> {
                    for (LeaseBook.Waiter w : book.leaveAll(client)) {
                        after.actions.add(() -> w.granted().cancel(false));
                    }
                    if (book.heldBy(client)) {
                        end(c, tab, book, "disconnected", after);
                    }
                });
            }
            after.run();
        }
    }

    /** CONTROL_HELD unless the client may drive the tab (null: no one tab) now. Holds c. */
    private void check(SessionControl c, String tab, Client client, String why) {
        LeaseBook.Lease whole = c.book.lease();
        if (whole != null && !c.book.heldBy(client)) {
            throw held(c, null, whole, client, why);
        }
        if (whole != null) {
            return; // the holder of the whole session drives every tab
        }
        LeaseBook tabBook = tab == null ? null : c.tabs.get(tab);
        LeaseBook.Lease lease = tabBook == null ? null : tabBook.lease();
        if (lease != null && !tabBook.heldBy(client)) {
            throw held(c, tab, lease, client, why);
        }
    }

    private static void touchAll(SessionControl c, Client client) {
        c.book.touch(client);
        c.tabs.values().forEach(b -> b.touch(client));
    }

    private interface BookAction {
        void on(String tab, LeaseBook book);
    }

    private static void forEachBook(SessionControl c, BookAction action) {
        action.on(null, c.book);
        for (Map.Entry<String, LeaseBook> e : new ArrayList<>(c.tabs.entrySet())) {
            action.on(e.getKey(), e.getValue());
        }
    }

    /** A tab lease of another client, when there is one. */
    private static Map.Entry<String, LeaseBook.Lease> otherTabLease(SessionControl c, Client client) {
        for (Map.Entry<String, LeaseBook> e : c.leasedTabs().entrySet()) {
            LeaseBook.Lease l = e.getValue().lease();
            if (l != null && !e.getValue().heldBy(client)) {
                return Map.entry(e.getKey(), l);
            }
        }
        return null;
    }

    /** Ends the lease of a book and grants it to the first waiter still waiting. Holds c. */
    private void end(SessionControl c, String tab, LeaseBook book, String reason, After after) {
        LeaseBook.Handover handover = book.end();
        if (handover.next() != null) {
            Grant grant = granted(book.lease(), tab);
            CompletableFuture<Grant> future = handover.next().granted();
            after.actions.add(() -> future.complete(grant));
        }
        changed(c, tab, handover.ended(), reason);
    }

    private void timedOut(SessionControl c, String tab, LeaseBook.Waiter waiter, long timeoutMs) {
        HubException timeout;
        synchronized (c) {
            LeaseBook book = c.book(tab);
            if (!book.leave(waiter)) {
                return; // granted meanwhile
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("session", c.owner.id());
            if (tab != null) {
                data.put("tab", tab);
            }
            data.put("timeoutMs", timeoutMs);
            String holder = "nobody";
            LeaseBook.Lease lease = book.lease();
            if (lease != null) {
                data.put("holder", holderData(lease.holder));
                holder = describe(lease.holder);
            }
            timeout = new HubException(ErrorCode.TIMEOUT, "Control of " + what(c, tab) + " did not come free within "
                    + timeoutMs + " ms: " + holder + " still holds it. Try again later, or wait longer with a larger timeoutMs.", data);
        }
        waiter.granted().completeExceptionally(timeout);
    }

    /** Broadcasts the change, and tells the old and the new holder even when they did not subscribe. Holds c. */
    private void changed(SessionControl c, String tab, Client previous, String reason) {
        LeaseBook book = c.book(tab);
        LeaseBook.Lease lease = book.lease();
        ControlChanged.ClientRef before = previous == null ? null
                : new ControlChanged.ClientRef(previous.id(), previous.name(), previous.kind().wire());
        List<String> concerned = new ArrayList<>();
        if (previous != null) {
            concerned.add(previous.id());
        }
        if (lease != null) {
            concerned.add(lease.holder.id());
        }
        events.emit(c.owner.id(), tab, new ControlChanged(lease == null ? null : controller(lease), before, reason, book.queued(), tab),
                concerned);
    }

    private SessionControl control(Session session) {
        return controls.compute(session.id(), (id, old) -> old != null && old.owner == session ? old : new SessionControl(session, nanoClock));
    }

    /** A deleted session's leases go with it. */
    void deleted(@Observes SessionDeleted event) {
        SessionControl c = controls.get(event.session().id());
        if (c != null && c.owner == event.session()) {
            forget(c);
        }
    }

    /**
     * The session of {@code c} is gone (being deleted, deleted, or deleted and created again): its leases go, and whoever
     * waits in line for control of it hears at once. The one way a control leaves the map, whoever notices first.
     */
    private void forget(SessionControl c) {
        String id = c.owner.id();
        if (!controls.remove(id, c)) {
            return;
        }
        List<LeaseBook.Waiter> waiters = new ArrayList<>();
        synchronized (c) {
            waiters.addAll(c.book.dismissAll());
            c.tabs.values().forEach(book -> waiters.addAll(book.dismissAll()));
        }
        HubException gone = new HubException(ErrorCode.SESSION_NOT_FOUND, "Session \"" + id
                + "\" was deleted while this waited for control of it.", Map.of("session", id));
        waiters.forEach(w -> w.granted().completeExceptionally(gone));
    }

    /** Whether this holds anything of the session with this id (its leases, its queue). */
    boolean holds(String sessionId) {
        return controls.containsKey(sessionId);
    }

    /** The control of the session as it exists now; a deleted (or deleted and recreated) session's lease is gone. */
    private SessionControl current(String sessionId) {
        SessionControl c = controls.get(sessionId);
        if (c == null) {
            return null;
        }
        if (sessions.find(sessionId).orElse(null) != c.owner) {
            forget(c);
            return null;
        }
        return c;
    }

    /** CONTROL_HELD naming the holder, and the tab when it is a tab's lease. */
    private HubException held(SessionControl c, String tab, LeaseBook.Lease lease, Client asking, String why) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("session", c.owner.id());
        if (tab != null) {
            data.put("tab", tab);
        }
        data.put("holder", holderData(lease.holder));
        String hint = asking.kind() == ClientKind.HUMAN && lease.holder.kind() == ClientKind.AGENT
                ? "take over with control.acquire {force: true}, or wait with {wait: true}"
                : "wait for it with control.acquire {wait: true}, or ask them to release it";
        return new HubException(ErrorCode.CONTROL_HELD, (tab == null ? "Session \"" + c.owner.id() + "\" is" : "Tab " + tab
                + " of session \"" + c.owner.id() + "\" is") + " controlled by " + describe(lease.holder)
                + (why == null ? "" : "; " + why) + ". Reading methods still work; to drive, " + hint + ".", data);
    }

    private static String what(SessionControl c, String tab) {
        return tab == null ? "session \"" + c.owner.id() + "\"" : "tab " + tab + " of session \"" + c.owner.id() + "\"";
    }

    private static Grant granted(LeaseBook.Lease lease, String tab) {
        return new Grant(controller(lease), TimeUnit.NANOSECONDS.toMillis(lease.ttlNanos), tab);
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
