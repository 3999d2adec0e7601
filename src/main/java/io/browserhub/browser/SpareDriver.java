package io.browserhub.browser;

import com.microsoft.playwright.Playwright;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One Playwright driver process started ahead of time: a session's start takes it and skips the driver's own start
 * (~0.3 s of its ~0.6 s), and a new spare is started once that browser is up, so the two do not compete for the CPU.
 * A Playwright instance is not thread-safe, but it has no thread of its own: started here, it is handed over whole
 * to the session's actor thread and used only there.
 */
final class SpareDriver {

    private static final Logger LOG = Logger.getLogger(SpareDriver.class);

    private final Supplier<Playwright> factory;
    private final ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "spare-driver");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Playwright> next;
    private boolean closed;

    SpareDriver(Supplier<Playwright> factory) {
        this.factory = factory;
    }

    /** The spare driver (waiting for it if it is still starting), or a new one when there is none. */
    Playwright take() {
        CompletableFuture<Playwright> spare;
        synchronized (this) {
            spare = next;
            next = null;
        }
        if (spare != null) {
            try {
                return spare.join();
            } catch (RuntimeException e) {
                LOG.debugf("The spare driver failed to start (%s); starting one now", e.getMessage());
            }
        }
        return factory.get();
    }

    /** Starts the next spare, unless one is there already. */
    synchronized void refill() {
        if (closed || next != null) {
            return;
        }
        next = CompletableFuture.supplyAsync(factory, starter);
    }

    /** Ends the spare driver, if any; no new one starts. */
    void close() {
        CompletableFuture<Playwright> spare;
        synchronized (this) {
            closed = true;
            spare = next;
            next = null;
        }
        starter.shutdown();
        if (spare != null) {
            spare.thenAccept(Playwright::close);
        }
    }
}
