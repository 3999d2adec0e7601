package io.browserhub.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.Geolocation;
import com.microsoft.playwright.options.Proxy;
import io.browserhub.backend.BrowserBackend;
import io.browserhub.backend.DevToolsEndpoint;
import io.browserhub.backend.LaunchOptions;
import io.browserhub.backend.LaunchSettings;
import io.browserhub.backend.RunningBrowser;
import io.browserhub.backend.StorageSeed;
import io.browserhub.config.HubConfig;
import io.browserhub.files.PrivateFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
    private final SpareDriver spare;
    private volatile Map<String, String> driverEnv = Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    private volatile Optional<Path> executable = Optional.empty();

    public LocalBackend(HubConfig config) {
        this.config = config;
        this.spare = config.browser().spareDriver() ? new SpareDriver(this::newPlaywright) : null;
    }

    /**
     * Called once the driver is installed: drivers and browsers keep their temp files in {@code tempDir}, which the hub
     * empties at every start; the first spare driver starts now, if the hub keeps one.
     */
    public void prepare(Path tempDir) {
        Map<String, String> env = new HashMap<>(PlaywrightDriver.environment()); // installed by now: the machine's Node.js, if any
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        env.put("TMPDIR", tempDir.toString());
        driverEnv = Map.copyOf(env);
        if (spare != null) {
            // a moment later: starting a driver takes a core, which the hub's own start needs first
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(spare::refill);
        }
    }

    /** Ends the spare driver: the hub is shutting down. */
    public void close() {
        if (spare != null) {
            spare.close();
        }
    }

    /** A Playwright with its own driver process. */
    private Playwright newPlaywright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(driverEnv));
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
        progress.accept(spare != null ? "taking the spare Playwright driver" : "starting the Playwright driver");
        Playwright playwright = spare != null ? spare.take() : newPlaywright();
        try {
            PrivateFiles.directories(settings.profile());
            PrivateFiles.directories(settings.tempDir());
            PrivateFiles.directories(settings.downloads());
            boolean devToolsReadable = config.cdp().enabled() && DevToolsActivePort.forget(settings.profile());
            progress.accept("launching " + executable().map(Path::toString).orElse("Playwright's Chromium"));
            BrowserContext context = playwright.chromium().launchPersistentContext(settings.profile(), options(settings));
            context.setDefaultTimeout(config.session().defaultTimeout().toMillis());
            context.setDefaultNavigationTimeout(config.session().defaultTimeout().toMillis());
            afterLaunch(context, settings.options(), progress);
            Optional<DevToolsEndpoint> devTools = devToolsReadable
                    ? DevToolsActivePort.await(settings.profile(), 5000) : Optional.empty();
            if (spare != null) {
                spare.refill(); // the next start's driver, now that this browser no longer needs the CPU
            }
            return new LocalBrowser(playwright, context, settings.profile(), devTools);
        } catch (Exception e) {
            // the launch failure is what matters
            PlaywrightDriver.closeQuietly(playwright);
            if (executable().isEmpty()) {
                throw new IllegalStateException(PlaywrightMessage.of(e).firstLine()
                        + " (no Chromium found: install chromium or set browserhub.browser.executable)", e);
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
    }

    private BrowserType.LaunchPersistentContextOptions options(LaunchSettings settings) {
        LaunchOptions extra = settings.options() == null ? LaunchOptions.none() : settings.options();
        List<String> args = new ArrayList<>(QUIET_ARGS);
        if (config.cdp().enabled()) {
            // beside the pipe Playwright owns: Chromium binds 127.0.0.1 on a port of its choosing (the CDP door's upstream)
            args.add("--remote-debugging-port=0");
        }
        config.browser().args().ifPresent(args::addAll);
        if (extra.args() != null) {
            args.addAll(extra.args()); // checked against the hub's own switches when they were given
        }
        if (extra.extensions() != null && !extra.extensions().isEmpty()) {
            // Playwright's --disable-extensions stays: the -except list still loads these
            String dirs = String.join(",", extra.extensions());
            args.add("--disable-extensions-except=" + dirs);
            args.add("--load-extension=" + dirs);
        }
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
        contextOptions(options, extra);
        return options;
    }

    /** The per-session options Playwright takes at launch. */
    private static void contextOptions(BrowserType.LaunchPersistentContextOptions options, LaunchOptions extra) {
        if (extra.proxy() != null) {
            LaunchOptions.Proxy p = extra.proxy();
            Proxy proxy = new Proxy(p.server());
            if (p.bypass() != null) {
                proxy.setBypass(p.bypass());
            }
            if (p.username() != null) {
                proxy.setUsername(p.username());
            }
            if (p.password() != null) {
                proxy.setPassword(p.password());
            }
            options.setProxy(proxy);
        }
        if (extra.geolocation() != null) {
            LaunchOptions.Geolocation g = extra.geolocation();
            Geolocation geolocation = new Geolocation(g.latitude(), g.longitude());
            if (g.accuracy() != null) {
                geolocation.setAccuracy(g.accuracy());
            }
            options.setGeolocation(geolocation);
        }
        if (extra.permissions() != null) {
            options.setPermissions(extra.permissions());
        }
        if (extra.extraHTTPHeaders() != null) {
            options.setExtraHTTPHeaders(extra.extraHTTPHeaders());
        }
        if (extra.colorScheme() != null) {
            options.setColorScheme(ColorScheme.valueOf(extra.colorScheme().toUpperCase(Locale.ROOT).replace('-', '_')));
        }
        if (extra.deviceScaleFactor() != null) {
            options.setDeviceScaleFactor(extra.deviceScaleFactor());
        }
        if (extra.ignoreHTTPSErrors() != null) {
            options.setIgnoreHTTPSErrors(extra.ignoreHTTPSErrors());
        }
    }

    /** What Playwright takes only once the context runs: init scripts, and a storage state to seed the profile with. */
    private static void afterLaunch(BrowserContext context, LaunchOptions extra, Consumer<String> progress) {
        if (extra == null) {
            return;
        }
        if (extra.storageState() != null) {
            // before the init scripts, which are the session's pages' own business, not the seeding page's
            progress.accept("seeding the profile with the storage state");
            StorageSeed.apply(context, extra.storageState());
            // the session forgets the seed once the browser runs: the cookies must be in the profile by then, not
            // in Chromium's pending batch (a hard kill would lose them)
            CookieStoreFlush.flush(context);
        }
        if (extra.initScripts() != null) {
            for (String script : extra.initScripts()) {
                context.addInitScript(script);
            }
        }
    }
}
