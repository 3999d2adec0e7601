package io.browserhub.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The steps of starting a session's browser, with their durations: logged when the start completes, and
 * reported while it is slow, so a person waiting knows what the hub waits for.
 */
final class StartProgress {

    private static final Logger LOG = Logger.getLogger(StartProgress.class);
    private static final long SLOW_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String sessionId;
    private final long started = System.nanoTime();
    private final Map<String, Long> durations = new LinkedHashMap<>();
    private volatile String step;
    private volatile long stepStarted;
    private volatile String reportedStep;

    StartProgress(String sessionId) {
        this.sessionId = sessionId;
    }

    /** Begins the next step (ending the current one); actor thread. */
    void step(String what) {
        long now = System.nanoTime();
        if (step != null) {
            durations.put(step, TimeUnit.NANOSECONDS.toMillis(now - stepStarted));
        }
        // the time first: the watchdog, reading the step and then its time, never pairs a step with no time
        stepStarted = now;
        step = what;
    }

    /** Ends the last step and logs the whole start; actor thread. */
    void done() {
        step(null);
        StringBuilder parts = new StringBuilder();
        durations.forEach((what, ms) -> parts.append(parts.isEmpty() ? "" : ", ").append(what).append(' ').append(ms).append(" ms"));
        LOG.infof("Session %s started in %d ms (%s)", sessionId, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), parts);
    }

    /** From the watchdog: says once per step what a start slower than 5 s is waiting for. */
    void reportIfSlow(long nowNanos) {
        String current = step;
        if (current == null || nowNanos - started < SLOW_NANOS || current.equals(reportedStep)) {
            return;
        }
        reportedStep = current;
        LOG.warnf("Session %s has been starting for %.1f s: %s (for %.1f s)", sessionId,
                (nowNanos - started) / 1e9, current, (nowNanos - stepStarted) / 1e9);
    }
}
