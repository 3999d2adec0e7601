package io.browserhub.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One thread that handles what the command path hands it (activity log lines, metrics, log lines) in batches, without
 * waking for each item: after a batch it lingers a few milliseconds, and items offered meanwhile only join the queue.
 * A command would otherwise pay a thread wake-up (a futex call, a context switch on a 2-core laptop) for every line it
 * reports. An idle worker blocks, so the first item after a quiet spell wakes it as before; {@link #offerUrgent} wakes
 * it at once (a reader waiting for what was queued, a shutdown).
 */
public final class LingeringWorker<T> {

    private static final Logger LOG = Logger.getLogger(LingeringWorker.class);
    private static final Object STOP = new Object();
    /**
     * How long a worker waits after a batch before it looks again: at 8 sessions' worth of commands (~800/s) that is
     * one wake-up per ~8 commands instead of one each; a line reaches its file, or the console, 10 ms later at most.
     */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final String name;
    private final LinkedBlockingQueue<Object> queue;
    private final Consumer<List<T>> handler;
    private final Thread thread;
    private volatile boolean stopped;

    /** Starts the thread; {@code handler} gets each batch in the order items were offered, on that thread. */
    public LingeringWorker(String name, int capacity, Consumer<List<T>> handler) {
        this.name = name;
        this.queue = new LinkedBlockingQueue<>(capacity + 1); // room for the stop mark
        this.handler = handler;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues an item without waking the worker unless it sleeps with nothing to do; false when full or stopped. */
    public boolean offer(T item) {
        return !stopped && queue.remainingCapacity() > 1 && queue.offer(item);
    }

    /** Queues an item and has the worker take it now. */
    public boolean offerUrgent(T item) {
        boolean queued = offer(item);
        LockSupport.unpark(thread);
        return queued;
    }

    public boolean stopped() {
        return stopped;
    }

    /** Handles everything offered before this call, then ends the thread; waits at most {@code timeout} for it. */
    public void stop(Duration timeout) {
        stopped = true;
        try {
            if (!queue.offer(STOP, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("The %s queue stayed full at shutdown; what it held was not handled", name);
            }
            LockSupport.unpark(thread);
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private void run() {
        List<Object> taken = new ArrayList<>();
        List<T> batch = new ArrayList<>();
        while (true) {
            taken.clear();
            batch.clear();
            try {
                taken.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(taken);
            boolean stop = false;
            for (Object item : taken) {
                if (item == STOP) {
                    stop = true;
                } else {
                    batch.add((T) item);
                }
            }
            try {
                handler.accept(batch);
            } catch (RuntimeException e) {
                LOG.warnf(LogText.safe(e), "The %s thread could not handle %d items", name, batch.size());
            }
            if (stop) {
                return;
            }
            // producers do not wake a worker that is not waiting in take(): what arrives now waits for the next batch
            LockSupport.parkNanos(this, LINGER_NANOS);
        }
    }
}
