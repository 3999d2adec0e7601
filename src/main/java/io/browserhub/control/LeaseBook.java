package io.browserhub.control;

import io.browserhub.client.Client;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The control lease of one session and the clients waiting for it, as plain bookkeeping on a clock: who holds it,
 * since when, when it expires, who is next. No events, no messages, no threads, so the timing rules can be tested
 * without waiting. Not thread-safe: {@link ControlLeases} holds the book's lock around every call.
 */
final class LeaseBook {

    /** A granted lease. */
    static final class Lease {
        final Client holder;
        final Instant since;
        long ttlNanos;
        long lastUsed;
        /** Commands of the holder admitted and not finished: the lease does not expire under them. */
        int running;

        private Lease(Client holder, long ttlNanos, Instant since, long now) {
            this.holder = holder;
            this.ttlNanos = ttlNanos;
            this.since = since;
            this.lastUsed = now;
        }
    }

    /** A client waiting in line, and how it learns it got control. */
    record Waiter(Client client, long ttlNanos, CompletableFuture<ControlLeases.Grant> granted) {
    }

    /** What ending a lease did: who held it, and the waiter that holds it now (null: nobody). */
    record Handover(Client ended, Waiter next) {
    }

    /** Readings of the tab list (one a second) a tab that was never shown in one must miss to count as closed. */
    static final int UNSEEN_READINGS = 5;

    private final LongSupplier nanoClock;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    /** Readings of the session's tab list in a row that did not show this book's tab. */
    private int missedReadings;
    /** Whether a reading of the session's tab list ever showed this book's tab. */
    private boolean tabSeen;
    private Lease lease;

    LeaseBook(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    Lease lease() {
        return lease;
    }

    boolean heldBy(Client client) {
        return lease != null && lease.holder.id().equals(client.id());
    }

    /** Gives the lease to the client, replacing any holder (the caller decided that it may). */
    Lease grant(Client client, long ttlNanos) {
        lease = new Lease(client, ttlNanos, Instant.now(), nanoClock.getAsLong());
        return lease;
    }

    /** The holder asked again: a new TTL, counting from now. */
    void renew(long ttlNanos) {
        lease.ttlNanos = ttlNanos;
        lease.lastUsed = nanoClock.getAsLong();
    }

    /** Any command of the holder keeps the lease in use. */
    void touch(Client client) {
        if (heldBy(client)) {
            lease.lastUsed = nanoClock.getAsLong();
        }
    }

    /** A driving command of the holder starts: until {@link #finished} the lease cannot expire. */
    void admit(Lease admitted) {
        admitted.running++;
        admitted.lastUsed = nanoClock.getAsLong();
    }

    void finished(Lease admitted) {
        admitted.running--;
        admitted.lastUsed = nanoClock.getAsLong();
    }

    /** True when the holder has run no command for its TTL and none is running. */
    boolean expired() {
        return lease != null && lease.running == 0 && nanoClock.getAsLong() - lease.lastUsed > lease.ttlNanos;
    }

    /** Ends the lease and hands it to the first client still waiting. */
    Handover end() {
        Client ended = lease == null ? null : lease.holder;
        lease = null;
        Waiter next;
        while ((next = waiting.pollFirst()) != null) {
            if (!next.granted().isDone()) {
                break;
            }
        }
        if (next != null) {
            grant(next.client(), next.ttlNanos());
        }
        return new Handover(ended, next);
    }

    void enqueue(Waiter waiter) {
        waiting.addLast(waiter);
    }

    /** Takes a waiter out of line (its wait timed out); false when it was granted meanwhile. */
    boolean leave(Waiter waiter) {
        return waiting.remove(waiter);
    }

    /** Takes every waiter of this client out of line (it disconnected). */
    List<Waiter> leaveAll(Client client) {
        List<Waiter> gone = new ArrayList<>();
        for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.client().id().equals(client.id())) {
                it.remove();
                gone.add(w);
            }
        }
        return gone;
    }

    /**
     * One reading of whether the book's tab is missing from the session's tab list; true once the tab counts as closed.
     * The list lags behind the browser: it is refreshed after each command, and a refresh that fails (a page that is
     * just opening) waits for the next command to end, so a tab leased by the command that opened it may be missing
     * from the readings of a whole command. Closed is missing from two readings in a row after it was seen, or from
     * {@value #UNSEEN_READINGS} in a row when it never was (a tab that closed at once).
     */
    boolean tabMissing(boolean missingNow) {
        if (!missingNow) {
            tabSeen = true;
            missedReadings = 0;
            return false;
        }
        missedReadings++;
        return missedReadings >= (tabSeen ? 2 : UNSEEN_READINGS);
    }

    /** Takes every waiter out of line (the session is gone). */
    List<Waiter> dismissAll() {
        List<Waiter> gone = new ArrayList<>(waiting);
        waiting.clear();
        return gone;
    }

    /** Clients still waiting. */
    int waitingCount() {
        return (int) waiting.stream().filter(w -> !w.granted().isDone()).count();
    }

    int queued() {
        return waiting.size();
    }
}
