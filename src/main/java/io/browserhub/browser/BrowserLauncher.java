package io.browserhub.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import io.browserhub.config.HubConfig;
import io.browserhub.files.PrivateFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts one Playwright (its own driver process) and one Chromium persistent context on a profile.
 * Must be called on the thread that will own both.
 */
@ApplicationScoped
public class BrowserLauncher {

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

    public BrowserLauncher(HubConfig config) {
        this.config = config;
    }

    /** The executable sessions will use, or empty for Playwright's own browser. */
    public Optional<Path> executable() {
        return BrowserExecutable.locate(config.browser().executable());
    }

    /** Launches; {@code progress} hears each step as it begins, for start-up reporting. */
    public Launched launch(LaunchSettings settings, Consumer<String> progress) {
        progress.accept("starting the Playwright driver");
        // the driver and Chromium keep their temp files in the data directory, where the hub can clean them
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "TMPDIR", settings.tempDir().toString())));
        try {
            PrivateFiles.directories(settings.profile());
            PrivateFiles.directories(settings.tempDir());
            PrivateFiles.directories(settings.downloads());
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
            progress.accept("launching " + executable().map(Path::toString).orElse("Playwright's Chromium"));
            BrowserContext context = playwright.chromium().launchPersistentContext(settings.profile(), options);
            context.setDefaultTimeout(config.session().defaultTimeout().toMillis());
            context.setDefaultNavigationTimeout(config.session().defaultTimeout().toMillis());
            return new Launched(playwright, context);
        } catch (Exception e) {
            try {
                playwright.close();
            } catch (RuntimeException ignored) {
                // the launch failure is what matters
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A running browser and the Playwright instance that owns it. */
    public record Launched(Playwright playwright, BrowserContext context) {
    }
}
