package io.browserhub.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding and ending browser processes the way Windows allows, which reports no command lines: the browser names its
 * own process, and a record beside the profile names it for the next hub. Run here on Linux, where both can be
 * checked against the command line.
 */
class BrowserProcessTest {

    @TempDir
    Path dir;

    @Test
    void theBrowserNamesTheSameProcessTheCommandLineDoes() throws Exception {
        PlaywrightDriver.install(Path.of("target/driver"));
        Path profile = dir.resolve("sessions/named/profile");
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            BrowserType.LaunchPersistentContextOptions options = new BrowserType.LaunchPersistentContextOptions().setHeadless(true)
                    .setArgs(LocalBackend.QUIET_ARGS);
            BrowserExecutable.locate(Optional.empty()).ifPresent(options::setExecutablePath);
            BrowserContext context = playwright.chromium().launchPersistentContext(profile, options);
            ProcessHandle byCommandLine = BrowserProcess.byCommandLine(profile).orElseThrow();
            assertEquals(Optional.of(byCommandLine), BrowserProcess.byDevTools(context));
            assertTrue(byCommandLine.info().commandLine().orElse("").contains("--user-data-dir=" + profile));
            context.close();
        }
    }

    @Test
    void aRecordNamesItsProcessOnlyWhileThatProcessRuns() throws Exception {
        Path profile = dir.resolve("sessions/rec/profile");
        Files.createDirectories(profile);
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            BrowserProcess.record(profile, sleeper.toHandle());
            assertEquals(Optional.of(sleeper.toHandle()), BrowserProcess.recorded(profile));
            Files.writeString(profile.resolveSibling(BrowserProcess.RECORD), sleeper.pid() + " 12345\n");
            assertEquals(Optional.empty(), BrowserProcess.recorded(profile), "the same pid, started at another time: another process");
        } finally {
            sleeper.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        BrowserProcess.record(profile, sleeper.toHandle());
        assertEquals(Optional.empty(), BrowserProcess.recorded(profile), "a process that ended");
    }

    @Test
    void theNextHubEndsARecordedProcessWhoseCommandLineSaysNothing() throws Exception {
        Path profile = dir.resolve("sessions/orphan/profile");
        Files.createDirectories(profile);
        Process orphan = new ProcessBuilder("sleep", "60").start();
        try {
            BrowserProcess.record(profile, orphan.toHandle());
            assertEquals(1, LeftoverBrowsers.endProcessesUsing(List.of(profile)));
            assertTrue(orphan.waitFor(10, TimeUnit.SECONDS), "ended");
            assertFalse(Files.exists(profile.resolveSibling(BrowserProcess.RECORD)), "the record goes with it");
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void aProfileSwitchMatchesOnlyItsWholePath() {
        String needle = "--user-data-dir=/data/sessions/work/profile";
        assertTrue(LeftoverBrowsers.namesProfile("chromium " + needle + " --headless", needle));
        assertTrue(LeftoverBrowsers.namesProfile("chromium " + needle, needle));
        assertFalse(LeftoverBrowsers.namesProfile("chromium " + needle + "2 --headless", needle));
        assertTrue(LeftoverBrowsers.namesProfile("chromium " + needle + "2 " + needle, needle), "a later mention counts");
    }
}
