package io.browserhub.grid;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Playwright;
import io.browserhub.backend.DevToolsEndpoint;
import io.browserhub.backend.RunningBrowser;
import io.browserhub.browser.PlaywrightDriver;
import io.browserhub.browser.PlaywrightPipe;
import io.browserhub.browser.ProcessTrees;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A Chrome on a Grid node, driven by a Playwright of this hub over the Grid's se:cdp WebSocket. It is lost when that
 * connection closes (the Grid went away) or when a touch finds that the Grid no longer knows the session: Selenium 4.41's
 * se:cdp proxy keeps the hub's connection open when the browser behind it ends (measured: a call then waits for ever),
 * so the touch, every keep-alive interval, is what notices a session the node ended. The touches also keep the node's
 * session timeout from ending a session the hub keeps.
 */
final class GridBrowser implements RunningBrowser {

    private static final Logger LOG = Logger.getLogger(GridBrowser.class);
    /** Touches the Grid may miss in a row before the session counts as lost (one may meet a restarting router). */
    private static final int UNANSWERED_TOUCHES = 2;

    private final Playwright playwright;
    private final Browser browser;
    private final BrowserContext context;
    private final GridClient grid;
    private final String gridSession;
    private final String node;
    private final Optional<ProcessHandle> driver;
    private final PlaywrightPipe pipe;
    private final Optional<DevToolsEndpoint> devTools;
    private final List<Consumer<String>> lostListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger unanswered = new AtomicInteger();
    private volatile String lostCause;
    private volatile boolean closing;
    private volatile ScheduledFuture<?> keepAlive;
    /** The Grid session's ending, once {@link #kill} asked for it: asked again, the Grid holds the request ~10 s. */
    private volatile CompletableFuture<Void> ending;

    GridBrowser(Playwright playwright, Browser browser, BrowserContext context, GridClient grid, String gridSession, String node,
                Optional<DevToolsEndpoint> devTools) {
        this.playwright = playwright;
        this.browser = browser;
        this.context = context;
        this.grid = grid;
        this.gridSession = gridSession;
        this.node = node;
        this.devTools = devTools;
        this.driver = DriverProcess.of(playwright);
        this.pipe = PlaywrightPipe.of(playwright);
    }

    /** How messages name where it runs. */
    String where() {
        return "node " + node + " of the Selenium Grid at " + grid.address();
    }

    /** Touches the Grid session every {@code every}, from the backend's scheduler thread, until closed. */
    void keepAlive(ScheduledExecutorService scheduler, Duration every) {
        keepAlive = scheduler.scheduleWithFixedDelay(this::touch, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void touch() {
        grid.touch(gridSession).thenAccept(result -> {
            switch (result) {
                case ALIVE -> unanswered.set(0);
                case GONE -> lost("the Grid no longer has its session on " + where() + " (the node ended it or restarted)");
                case UNREACHABLE -> {
                    int missed = unanswered.incrementAndGet();
                    LOG.debugf("Grid session %s: touch %d unanswered", gridSession, missed);
                    if (missed >= UNANSWERED_TOUCHES) {
                        lost("the Selenium Grid at " + grid.address() + " has not answered " + missed + " times (node " + node + ")");
                    }
                }
            }
        });
    }

    private void lost(String cause) {
        if (closing || lostCause != null) {
            return;
        }
        lostCause = cause;
        for (Consumer<String> listener : lostListeners) {
            listener.accept(cause);
        }
        // as for a local browser: the driver does not fail a CDP session's send in flight when the connection to the
        // browser closes, and the actor may be in one (tab titles); without its driver, every call fails at once and
        // the actor comes free to close the session, so that its next start does not wait on it for ever
        // (off this thread: it may be the actor's, inside Playwright's event dispatch, or the HTTP client's)
        driver.filter(ProcessHandle::isAlive).ifPresent(p -> CompletableFuture.runAsync(() -> ProcessTrees.end(p, 2, TimeUnit.SECONDS)));
    }

    @Override
    public BrowserContext context() {
        return context;
    }

    @Override
    public void onLost(Consumer<String> cause) {
        lostListeners.add(cause);
        browser.onDisconnected(b -> lost("the connection to " + where() + " closed"));
        driver.ifPresent(p -> p.onExit().thenRun(() -> lost("the Playwright driver exited")));
    }

    @Override
    public boolean alive() {
        return lostCause == null && driver.map(ProcessHandle::isAlive).orElse(true);
    }

    @Override
    public void wake() {
        pipe.wake();
    }

    @Override
    public void close(boolean graceful) {
        closing = true;
        stopTouching();
        if (graceful) {
            try {
                // for a browser reached over CDP this disconnects; the browser itself ends with the Grid session
                browser.close();
            } catch (RuntimeException e) {
                LOG.debugf("Disconnecting from Grid session %s: %s", gridSession, e.getMessage());
            }
        }
        CompletableFuture<Void> asked = ending;
        if (asked != null) {
            // a second DELETE of a session the Grid has just removed waits there ~10 s for nothing (Grid 4.41)
            asked.completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
        } else {
            try {
                // chromedriver quits Chrome, which flushes the profile on the node, and the slot is free again
                grid.delete(gridSession, graceful ? Duration.ofSeconds(20) : Duration.ofSeconds(5));
            } catch (GridException e) {
                LOG.infof("Grid session %s on %s was not ended: the Grid %s; the node's session timeout will end it", gridSession, where(),
                        e.getMessage());
            }
        }
        PlaywrightDriver.closeQuietly(playwright);
        driver.filter(ProcessHandle::isAlive).ifPresent(p -> ProcessTrees.end(p, 3, TimeUnit.SECONDS));
    }

    @Override
    public void kill(String why) {
        LOG.debugf("Ending Grid session %s on %s: %s", gridSession, where(), why);
        stopTouching();
        // the watchdog and a delete may both end the session: one DELETE between them
        synchronized (this) {
            if (ending == null) {
                ending = grid.deleteLater(gridSession);
            }
        }
        // the Grid may be the part that hangs: without its driver, every Playwright call of the actor fails at once
        driver.filter(ProcessHandle::isAlive).ifPresent(p -> ProcessTrees.end(p, 2, TimeUnit.SECONDS));
    }

    private void stopTouching() {
        ScheduledFuture<?> k = keepAlive;
        if (k != null) {
            k.cancel(false);
        }
    }

    @Override
    public Optional<ProcessHandle> process() {
        return Optional.empty();
    }

    @Override
    public Optional<DevToolsEndpoint> devTools() {
        return devTools;
    }

    @Override
    public Optional<String> node() {
        return Optional.of(node);
    }
}
