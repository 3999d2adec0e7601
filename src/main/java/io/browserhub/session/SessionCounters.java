package io.browserhub.session;

import java.util.concurrent.atomic.AtomicLong;

/** Hub-wide counts of lifecycle events, for metrics: browsers reaped for idleness, browsers that crashed. */
public final class SessionCounters {

    private final AtomicLong reaped = new AtomicLong();
    private final AtomicLong crashed = new AtomicLong();

    void ended(boolean crash, StopReason reason) {
        if (crash) {
            crashed.incrementAndGet();
        } else if (reason == StopReason.REAPED) {
            reaped.incrementAndGet();
        }
    }

    public long reaped() {
        return reaped.get();
    }

    public long crashed() {
        return crashed.get();
    }
}
