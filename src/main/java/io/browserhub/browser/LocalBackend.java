package io.browserhub.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import io.browserhub.backend.BrowserBackend;
import io.browserhub.backend.LaunchSettings;
import io.browserhub.backend.RunningBrowser;
import io.browserhub.config.HubConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The local backend: one Playwright (its own driver process) and one Chromium persistent context on the session's
 * profile, on this machine. {@link #start} must be called on the thread that will own both.
 */
@ApplicationScoped
public class LocalBackend implements BrowserBackend {

    /** Switches that keep Chromium from phoning home: on a closed network these fail loudly and slowly. */
    public static final List<String> QUIET_ARGS = List.of(
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-features=Translate,MediaRouter,OptimizationHints",
            "--metrics-recording-only",
            "--password-store=basic");

    private final HubConfig config;
    private volatile Optional<Path> executable = Optional.empty();

    public LocalBackend(HubConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "local";
    }

    /** The executable sessions will use, or empty for Playwright's own browser. */
    public Optional<Path> executable() {
        Optional<Path> found = executable;
        if (found.isEmpty()) {
            // kept once found (on Windows the search asks the registry, a program start per question); looked for
            // again while none is, so a browser installed while the hub runs is found
            found = BrowserExecutable.locate(config.browser().executable());
            executable = found;
        }
        return found;
    }

    @Override
    public RunningBrowser start(LaunchSettings settings, Consumer<String> progress) {
        progress.accept("starting the Playwright driver");
        // the driver and Chromium keep their temp files in the data directory, where the hub can clean them
        Map<String, String> env = new HashMap<>(PlaywrightDriver.environment());
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        env.put("TMPDIR", settings.tempDir().toString());
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(env));
        try {
            Files.createDirectories(settings.profile());
            Files.createDirectories(settings.tempDir());
            Files.createDirectories(settings.downloads());
            progress.accept("launching " + executable().map(Path::toString).orElse("Playwright's Chromium"));
            BrowserContext context = playwright.chromium().launchPersistentContext(settings.profile(), options(settings));
            context.setDefaultTimeout(config.session().defaultTimeout().toMillis());
            context.setDefaultNavigationTimeout(config.session().defaultTimeout().toMillis());
            return new LocalBrowser(playwright, context, settings.profile());
        } catch (Exception e) {
            try {
                playwright.close();
            } catch (RuntimeException ignored) {
                // the launch failure is what matters
            }
            if (executable().isEmpty()) {
                throw new IllegalStateException(PlaywrightMessage.of(e).firstLine()
                        + " (no Chromium found: install chromium or set browserhub.browser.executable)", e);
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
    }

    private BrowserType.LaunchPersistentContextOptions options(LaunchSettings settings) {
        List<String> args = new ArrayList<>(QUIET_ARGS);
        config.browser().args().ifPresent(args::addAll);
        BrowserType.LaunchPersistentContextOptions options = new BrowserType.LaunchPersistentContextOptions()
                .setHeadless(settings.headless())
                .setViewportSize(settings.viewportWidth(), settings.viewportHeight())
                .setArgs(args)
                .setAcceptDownloads(true)
                .setDownloadsPath(settings.downloads())
                // the hub closes browsers itself on shutdown, gracefully, so profiles are flushed
                .setHandleSIGINT(false)
                .setHandleSIGTERM(false)
                .setHandleSIGHUP(false)
                .setTimeout(config.session().startTimeout().toMillis());
        executable().ifPresent(options::setExecutablePath);
        if (settings.userAgent() != null) {
            options.setUserAgent(settings.userAgent());
        }
        if (settings.locale() != null) {
            options.setLocale(settings.locale());
        }
        if (settings.timezoneId() != null) {
            options.setTimezoneId(settings.timezoneId());
        }
        return options;
    }
}
