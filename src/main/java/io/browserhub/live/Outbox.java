package io.browserhub.live;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The notifications waiting for one connection. At most {@code maxInFlight} messages are handed to the
 * socket and not yet written, at most {@code capacity} wait behind them; when a reader falls behind, the
 * oldest waiting events are dropped and, before the next event, it gets one events.dropped notification per
 * session saying how many (and which seqs, to fetch from the activity log). So a slow reader costs bounded
 * memory and never slows the session or other readers. Thread-safe.
 */
final class Outbox {

    private record Queued(String session, long seq, Notification notification) {
    }

    private static final class Dropped {
        long count;
        long firstSeq = Long.MAX_VALUE;
        long lastSeq;

        void add(long seq) {
            count++;
            firstSeq = Math.min(firstSeq, seq);
            lastSeq = Math.max(lastSeq, seq);
        }
    }

    private final NotificationSink sink;
    private final int capacity;
    private final int maxInFlight;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final Map<String, Dropped> dropped = new LinkedHashMap<>();
    private int inFlight;
    private boolean draining;
    private boolean closed;
    private long droppedTotal;

    Outbox(NotificationSink sink, int capacity, int maxInFlight) {
        this.sink = sink;
        this.capacity = Math.max(1, capacity);
        this.maxInFlight = Math.max(1, maxInFlight);
    }

    /** Queues an event; call {@link #drain()} afterwards, outside any lock of the caller's. */
    synchronized void offer(String session, long seq, Notification notification) {
        if (closed) {
            return;
        }
        if (queue.size() >= capacity) {
            Queued oldest = queue.pollFirst();
            dropped.computeIfAbsent(oldest.session(), s -> new Dropped()).add(oldest.seq());
            droppedTotal++;
        }
        queue.addLast(new Queued(session, seq, notification));
    }

    /** Hands waiting messages to the socket while the in-flight window has room. Never blocks. */
    void drain() {
        synchronized (this) {
            if (draining) {
                return; // whoever drains re-checks after every message
            }
            draining = true;
        }
        while (true) {
            Notification next;
            synchronized (this) {
                if (closed || inFlight >= maxInFlight || (queue.isEmpty() && dropped.isEmpty())) {
                    draining = false;
                    return;
                }
                next = dropped.isEmpty() ? queue.pollFirst().notification() : droppedNotice();
                inFlight++;
            }
            CompletionStage<?> sent;
            try {
                sent = sink.send(next);
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((ok, failure) -> {
                synchronized (this) {
                    inFlight--;
                    if (failure != null) {
                        close(); // the connection is gone; its close handler cleans up the rest
                    }
                }
                drain();
            });
        }
    }

    private Notification droppedNotice() {
        Iterator<Map.Entry<String, Dropped>> it = dropped.entrySet().iterator();
        Map.Entry<String, Dropped> first = it.next();
        it.remove();
        Dropped d = first.getValue();
        // session ids are [A-Za-z0-9._-]: nothing to escape
        return new Notification("events.dropped", "{\"session\":\"" + first.getKey()
                + "\",\"count\":" + d.count + ",\"firstSeq\":" + d.firstSeq + ",\"lastSeq\":" + d.lastSeq + "}");
    }

    synchronized void close() {
        closed = true;
        queue.clear();
        dropped.clear();
    }

    synchronized long droppedTotal() {
        return droppedTotal;
    }

    synchronized int queued() {
        return queue.size();
    }
}
