package io.browserhub.cdp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.error.HubException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Consecutive Input.* calls of one method (and one outcome) from one connection, reported as one activity
 * entry with their count and event types: a mouse move is sixty calls a second, a typed word ten. The entry
 * is written when another method or outcome comes, after a quiet second, after ten seconds of one burst, or
 * when the connection closes. Used on the connection's event loop only.
 */
final class InputBurst {

    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LONGEST_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Where a finished burst goes. */
    interface Sink {
        void burst(String method, ObjectNode params, HubException failure, long durationNanos);
    }

    private final Sink sink;
    private final ObjectNode base;
    private String method;
    private HubException failure;
    private final Set<String> types = new LinkedHashSet<>();
    private int count;
    private long first;
    private long last;

    /** {@code base}: what every entry shows (the session). */
    InputBurst(ObjectNode base, Sink sink) {
        this.base = base;
        this.sink = sink;
    }

    /** One call; {@code failure} when the door refused it (CONTROL_HELD), else null. Returns true when a burst began. */
    boolean add(String method, String type, HubException failure, long now) {
        if (count > 0 && (!method.equals(this.method) || !sameOutcome(failure) || now - first > LONGEST_NANOS)) {
            flush();
        }
        boolean began = count == 0;
        if (began) {
            this.method = method;
            this.failure = failure;
            first = now;
        }
        if (type != null && types.size() < 16) {
            types.add(type);
        }
        count++;
        last = now;
        return began;
    }

    /** When the timer fires: nanos until the burst has been quiet long enough, or 0 once it was written (or empty). */
    long flushIfQuiet(long now) {
        if (count == 0) {
            return 0;
        }
        long quietFor = now - last;
        if (quietFor >= QUIET_NANOS) {
            flush();
            return 0;
        }
        return QUIET_NANOS - quietFor;
    }

    void flush() {
        if (count == 0) {
            return;
        }
        ObjectNode params = base.deepCopy();
        if (!types.isEmpty()) {
            params.put("type", String.join(",", types));
        }
        params.put("count", count);
        sink.burst(method, params, failure, last - first);
        types.clear();
        count = 0;
        method = null;
        failure = null;
    }

    private boolean sameOutcome(HubException other) {
        return failure == null ? other == null : other != null && failure.code() == other.code();
    }
}
