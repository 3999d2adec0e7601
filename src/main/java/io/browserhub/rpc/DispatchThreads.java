package io.browserhub.rpc;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where WebSocket messages and HTTP requests are parsed and dispatched: never on a Vert.x event loop, which also serves every
 * other connection and the health probes (a 10,000-member batch once held one for seconds). Each connection gets
 * an ordered lane over the shared threads, so its requests reach the session queues in the order they were sent.
 */
@ApplicationScoped
public class DispatchThreads {

    private final AtomicInteger count = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "rpc-dispatch-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** A lane for one connection: tasks run one at a time, in the order given, on the shared threads. */
    public Lane lane() {
        return new Lane(threads);
    }

    /** Runs one task on the shared threads, in no particular order with others: a one-shot HTTP request. */
    public void execute(Runnable task) {
        threads.execute(task);
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }

    /** One connection's order over the shared threads. */
    public static final class Lane implements Executor {
        private final Executor threads;
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        private boolean running;

        Lane(Executor threads) {
            this.threads = threads;
        }

        /**
         * Nothing queued, nothing running: what the connection sends next may be handled on the thread that received
         * it without overtaking anything. Stays true until that thread (the only one that adds tasks) adds one.
         */
        public synchronized boolean idle() {
            return !running;
        }

        @Override
        public void execute(Runnable task) {
            synchronized (this) {
                tasks.add(task);
                if (running) {
                    return;
                }
                running = true;
            }
            threads.execute(this::drain);
        }

        private void drain() {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = tasks.poll();
                    if (next == null) {
                        running = false;
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException e) {
                    // the task reports its own failures; one bad message must not stop the lane
                }
            }
        }
    }
}
