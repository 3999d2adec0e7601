package io.browserhub.health;

import io.browserhub.browser.LocalBackend;
import io.browserhub.session.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the browser sessions will use can actually run: it exists and answers --version. */
@Readiness
@ApplicationScoped
public class BrowserReadiness implements HealthCheck {

    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final LocalBackend launcher;
    private final BrowserVersionCache versionCache;
    private volatile HealthCheckResponse cached;
    private volatile long checkedAt;

    public BrowserReadiness(LocalBackend launcher, SessionStore store) {
        this.versionCache = new BrowserVersionCache(store.dataDir().resolve("browser-version"));
        this.launcher = launcher;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse last = cached;
        if (last != null && System.nanoTime() - checkedAt < RECHECK_NANOS) {
            return last;
        }
        cached = check();
        checkedAt = System.nanoTime();
        return cached;
    }

    private HealthCheckResponse check() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("browser");
        Optional<Path> executable = launcher.executable();
        if (executable.isEmpty()) {
            return response.down().withData("reason", "No Chromium or Chrome found (looked for /usr/bin/chromium, chromium, "
                    + "chromium-browser, google-chrome): install one, or set browserhub.browser.executable.").build();
        }
        Path path = executable.get();
        response.withData("executable", path.toString());
        if (!Files.isExecutable(path)) {
            return response.down().withData("reason", path + " does not exist or is not executable; fix browserhub.browser.executable.").build();
        }
        String known = versionCache.lookup(path);
        if (known != null) {
            return response.up().withData("version", known).build();
        }
        try {
            Process p = new ProcessBuilder(path.toString(), "--version").start();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return response.down().withData("reason", path + " --version did not answer within 15 s.").build();
            }
            // the version is what it prints; Debian's chromium script may add a shell complaint on stderr
            String version = new String(p.getInputStream().readAllBytes()).strip();
            String complaints = new String(p.getErrorStream().readAllBytes()).strip();
            if (p.exitValue() != 0) {
                return response.down().withData("reason", path + " --version failed (exit " + p.exitValue() + "): " + version + " " + complaints).build();
            }
            versionCache.remember(path, version);
            return response.up().withData("version", version).build();
        } catch (Exception e) {
            return response.down().withData("reason", "Cannot run " + path + ": " + e.getMessage()).build();
        }
    }
}
