package io.browserhub.relay;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import io.browserhub.backend.BrowserBackend;
import io.browserhub.backend.LaunchSettings;
import io.browserhub.backend.RunningBrowser;
import io.browserhub.browser.PlaywrightDriver;
import io.browserhub.config.HubConfig;
import io.browserhub.files.PrivateFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The backend of a person's own browser (driver "extension"): starting the session attaches the relay to the tabs the
 * person shares, and the session's Playwright connects to them over CDP through the relay's DevTools server, as it
 * would to any Chromium. Nothing is launched; stopping detaches, and the tabs stay open.
 */
@ApplicationScoped
public class ExtensionBackend implements BrowserBackend {

    private final BrowserLinks links;
    private final RelayDevTools devTools;
    private final HubConfig config;

    public ExtensionBackend(BrowserLinks links, RelayDevTools devTools, HubConfig config) {
        this.links = links;
        this.devTools = devTools;
        this.config = config;
    }

    @Override
    public String name() {
        return BrowserLinks.DRIVER;
    }

    /** The person's browser, reached over loopback: on this machine. */
    @Override
    public String placement() {
        return "local";
    }

    @Override
    public String driver() {
        return BrowserLinks.DRIVER;
    }

    /** Its sessions are not created by session.create: they appear when a browser pairs on /extension. */
    @Override
    public Optional<String> unusable() {
        return Optional.of("a person's own browser becomes a session when it connects: open the hub's /extension page in that"
                + " browser, with the browserhub extension installed, and click Connect this browser.");
    }

    @Override
    public RunningBrowser start(LaunchSettings settings, Consumer<String> progress) {
        String session = settings.sessionId();
        progress.accept("waiting for the browser's extension to connect");
        BrowserLink link;
        try {
            link = links.await(session, config.extension().connectWait()).orElseThrow(() -> new IllegalStateException(
                    "no browser is connected as session " + session + ": open the hub's /extension page in that browser, with the"
                            + " browserhub extension installed, and click Connect this browser (it reconnects by itself while paired)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the browser", e);
        }
        progress.accept("attaching to the shared tabs");
        try {
            link.activate().get(config.session().startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while attaching to the shared tabs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the browser did not let the hub attach to its shared tabs: " + e.getMessage(), e);
        }
        progress.accept("starting the Playwright driver");
        try {
            // the driver keeps its artifacts there (connectOverCDP fails without it), as a local browser's does
            PrivateFiles.directories(settings.tempDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + settings.tempDir() + ": " + e.getMessage(), e);
        }
        Playwright playwright = PlaywrightDriver.start(settings.tempDir());
        try {
            progress.accept("connecting to the shared tabs");
            Browser browser = playwright.chromium().connectOverCDP(devTools.hubUrl(session),
                    new BrowserType.ConnectOverCDPOptions().setTimeout(config.session().startTimeout().toMillis()));
            BrowserContext context = browser.contexts().get(0);
            context.setDefaultTimeout(config.session().defaultTimeout().toMillis());
            context.setDefaultNavigationTimeout(config.session().defaultTimeout().toMillis());
            return new ExtensionBrowser(playwright, browser, context, link, devTools);
        } catch (RuntimeException e) {
            link.deactivate();
            // the connection failure is what matters
            PlaywrightDriver.closeQuietly(playwright);
            throw e;
        }
    }
}
