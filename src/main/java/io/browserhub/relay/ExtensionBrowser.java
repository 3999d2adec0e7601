package io.browserhub.relay;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Playwright;
import io.browserhub.backend.DevToolsEndpoint;
import io.browserhub.backend.RunningBrowser;
import io.browserhub.browser.PlaywrightDriver;
import io.browserhub.browser.PlaywrightPipe;
import io.browserhub.browser.ProcessTrees;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A session's view of a person's browser: a Playwright connected over CDP to the relay, whose pages are the shared
 * tabs. Closing it detaches from the tabs and leaves them open; it never closes the person's browser.
 */
final class ExtensionBrowser implements RunningBrowser {

    private static final Logger LOG = Logger.getLogger(ExtensionBrowser.class);
    /** A browser that does not answer a detach this soon is gone or hung; the session stops anyway. */
    private static final long DETACH_WAIT_SECONDS = 10;

    private final Playwright playwright;
    private final Browser browser;
    private final BrowserContext context;
    private final BrowserLink link;
    private final RelayDevTools devTools;
    private final PlaywrightPipe pipe;
    private final Optional<ProcessHandle> driver;
    private volatile boolean disconnected;

    ExtensionBrowser(Playwright playwright, Browser browser, BrowserContext context, BrowserLink link, RelayDevTools devTools) {
        this.playwright = playwright;
        this.browser = browser;
        this.context = context;
        this.link = link;
        this.devTools = devTools;
        this.pipe = PlaywrightPipe.of(playwright);
        this.driver = PlaywrightDriver.process(playwright);
    }

    @Override
    public BrowserContext context() {
        return context;
    }

    /**
     * The hub's connection to the relay closed, or the driver ended. A browser that disconnects is not lost: its
     * session is stopped (BrowserLinks), as the person ended it.
     */
    @Override
    public void onLost(Consumer<String> cause) {
        browser.onDisconnected(b -> {
            disconnected = true;
            cause.accept("the hub's connection to the browser's tabs closed");
        });
        driver.ifPresent(p -> p.onExit().thenRun(() -> cause.accept("the Playwright driver exited")));
    }

    @Override
    public boolean alive() {
        return !disconnected && driver.map(ProcessHandle::isAlive).orElse(true);
    }

    @Override
    public void wake() {
        pipe.wake();
    }

    @Override
    public void close(boolean graceful) {
        // the context and the browser stay open: closing them over CDP would close the person's tabs
        link.run(() -> link.fanOut().closeAll((short) 1001, "The session stopped; the tabs stay open in the person's browser"));
        try {
            // when stop answers, the person's tabs are free of the debugger (and of its "started debugging" bar)
            link.deactivate().get(DETACH_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debugf("Session %s: detaching from the tabs: %s", link.session(), e.toString());
        }
        PlaywrightDriver.closeQuietly(playwright);
    }

    @Override
    public void kill(String why) {
        LOG.debugf("Session %s: ending the connection to the browser (%s)", link.session(), why);
        devTools.dropHub(link);
        link.deactivate();
        // a call waiting on a driver that itself hangs would never return otherwise
        driver.filter(ProcessHandle::isAlive).ifPresent(p -> ProcessTrees.end(p, 2, TimeUnit.SECONDS));
    }

    @Override
    public Optional<ProcessHandle> process() {
        return Optional.empty();
    }

    @Override
    public Optional<DevToolsEndpoint> devTools() {
        return Optional.of(devTools.endpoint(link.session()));
    }

    @Override
    public boolean ownsTabs() {
        return false;
    }
}
