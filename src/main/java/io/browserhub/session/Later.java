package io.browserhub.session;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The result of work that waits for something in a page (an element, a load, a URL) without holding the session's
 * actor: a quick check the actor repeats, between other work, until it yields the result or the time is up. Meanwhile
 * later commands of the same tab wait their turn, and commands of other tabs run. A handler returns one instead of a
 * value; the actor takes it from there.
 */
public final class Later<T> {

    /** One quick look at the page, on the actor thread: the result when it is there, else empty. */
    @FunctionalInterface
    public interface Check<T> {
        Optional<T> check(LiveSession live) throws Exception;
    }

    /** What to do with a result, knowing how many ms of the wait's time are left (0: no limit). */
    @FunctionalInterface
    public interface Then<T, R> {
        R apply(LiveSession live, T ready, double remainingMs) throws Exception;
    }

    private static final long FIRST_PAUSE_NANOS = 5_000_000;
    private static final long LONGEST_PAUSE_NANOS = 50_000_000;

    /** The check, failing once the deadline has passed without a result. */
    private final Check<T> step;
    private final long deadlineNanos;
    private long pauseNanos = FIRST_PAUSE_NANOS;

    private Later(Check<T> step, long deadlineNanos) {
        this.step = step;
        this.deadlineNanos = deadlineNanos;
    }

    /** Checks until the check yields, or fails with {@code timedOut} after {@code timeoutMs} (0: no limit). */
    public static <T> Later<T> until(double timeoutMs, Check<T> check, Supplier<? extends Exception> timedOut) {
        long deadline = timeoutMs <= 0 ? Long.MAX_VALUE : System.nanoTime() + (long) (timeoutMs * 1_000_000);
        return new Later<>(live -> {
            Optional<T> ready = check.check(live);
            if (ready.isEmpty() && System.nanoTime() >= deadline) {
                throw timedOut.get();
            }
            return ready;
        }, deadline);
    }

    /** The same wait with its result passed through {@code then} (run on the actor thread, once). */
    public <R> Later<R> then(Then<T, R> then) {
        return new Later<>(live -> {
            Optional<T> ready = step.check(live);
            return ready.isPresent() ? Optional.of(then.apply(live, ready.get(), remainingMs())) : Optional.empty();
        }, deadlineNanos);
    }

    /** The same wait with every look wrapped (error translation, say): its timeout included. */
    public Later<T> wrapped(UnaryOperator<Check<T>> wrap) {
        return new Later<>(wrap.apply(step), deadlineNanos);
    }

    /** One look: the result, empty to look again later, or the failure (the timeout's once the time is up). */
    Optional<T> poll(LiveSession live) throws Exception {
        return step.check(live);
    }

    /** When to look next: soon at first, then every 50 ms at most, never past the deadline. */
    long nextPollNanos(long now) {
        long at = now + pauseNanos;
        pauseNanos = Math.min(LONGEST_PAUSE_NANOS, pauseNanos * 2);
        return Math.min(at, deadlineNanos);
    }

    /** Ms of the wait's time left; 0 when it has no limit. */
    public double remainingMs() {
        if (deadlineNanos == Long.MAX_VALUE) {
            return 0;
        }
        return Math.max(1, (deadlineNanos - System.nanoTime()) / 1e6);
    }
}
