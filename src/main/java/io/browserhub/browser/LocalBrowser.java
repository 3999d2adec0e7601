package io.browserhub.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Playwright;
import io.browserhub.backend.DevToolsEndpoint;
import io.browserhub.backend.RunningBrowser;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** A Chromium this hub launched, with the Playwright driver that owns it: both are watched, both are ended on close. */
final class LocalBrowser implements RunningBrowser {

    private static final Logger LOG = Logger.getLogger(LocalBrowser.class);

    private final Playwright playwright;
    private final BrowserContext context;
    private final Path profile;
    private final Optional<ProcessHandle> browser;
    private final Optional<ProcessHandle> driver;
    private final PlaywrightPipe pipe;
    private volatile boolean closing;

    private final Optional<DevToolsEndpoint> devTools;

    LocalBrowser(Playwright playwright, BrowserContext context, Path profile, Optional<DevToolsEndpoint> devTools) {
        this.devTools = devTools;
        this.playwright = playwright;
        this.context = context;
        this.profile = profile;
        this.browser = BrowserProcess.of(context, profile);
        this.driver = browser.flatMap(ProcessHandle::parent);
        browser.ifPresent(p -> BrowserProcess.record(profile, p));
        this.pipe = PlaywrightPipe.of(playwright);
    }

    @Override
    public BrowserContext context() {
        return context;
    }

    @Override
    public void onLost(Consumer<String> cause) {
        browser.ifPresent(p -> p.onExit().thenRun(() -> {
            cause.accept("Chromium exited");
            if (!closing) {
                // the driver does not fail every call in flight when its browser dies (a CDP session's send waits
                // forever): without its driver, every Playwright call of the actor fails at once
                driver.filter(ProcessHandle::isAlive).ifPresent(d -> ProcessTrees.end(d, 2, TimeUnit.SECONDS));
            }
        }));
        driver.ifPresent(p -> p.onExit().thenRun(() -> cause.accept("the Playwright driver exited")));
        context.onClose(c -> cause.accept("the browser closed"));
    }

    @Override
    public boolean alive() {
        return browser.map(ProcessHandle::isAlive).orElse(true) && driver.map(ProcessHandle::isAlive).orElse(true);
    }

    @Override
    public void wake() {
        pipe.wake();
    }

    @Override
    public void close(boolean graceful) {
        closing = true;
        if (graceful) {
            try {
                context.close();
            } catch (RuntimeException e) {
                LOG.debugf("Closing the context: %s", e.getMessage());
            }
        }
        PlaywrightDriver.closeQuietly(playwright);
        // a crashed or wedged browser may survive its driver: end whatever is left of it
        browser.filter(ProcessHandle::isAlive).ifPresent(p -> ProcessTrees.end(p, 3, TimeUnit.SECONDS));
        BrowserProcess.forget(profile);
    }

    @Override
    public void kill(String why) {
        LOG.debugf("Ending browser %s: %s", browser.map(p -> String.valueOf(p.pid())).orElse("?"), why);
        browser.ifPresent(p -> ProcessTrees.end(p, 2, TimeUnit.SECONDS));
        // the driver too: a call waiting on a driver that itself hangs would never return otherwise
        driver.filter(ProcessHandle::isAlive).ifPresent(p -> ProcessTrees.end(p, 2, TimeUnit.SECONDS));
    }

    @Override
    public Optional<ProcessHandle> process() {
        return browser;
    }

    @Override
    public Optional<DevToolsEndpoint> devTools() {
        return devTools;
    }

    @Override
    public Optional<DevToolsEndpoint> directDevTools() {
        return devTools;
    }
}
