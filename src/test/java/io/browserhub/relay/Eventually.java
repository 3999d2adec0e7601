package io.browserhub.relay;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for what another process does in its own time (an extension reporting a tab, reconnecting): look until
 * it holds. Not a timing assertion: the limit is only there so that a broken build fails instead of hanging.
 */
final class Eventually {

    static final Duration LIMIT = Duration.ofSeconds(60);

    private Eventually() {
    }

    static <T> T until(String what, Supplier<T> look, Predicate<T> holds) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        T last = null;
        RuntimeException failure = null;
        while (System.nanoTime() < deadline) {
            try {
                last = look.get();
                failure = null;
                if (holds.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                failure = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        AssertionError error = new AssertionError("Never saw " + what + "; last: " + last);
        if (failure != null) {
            error.initCause(failure);
        }
        throw error;
    }
}
