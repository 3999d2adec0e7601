package io.browserhub.browser;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.PlaywrightException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The main process of a Chromium this hub started, found without a shell on any OS, and its record beside the
 * profile ({@code browser.pid}: pid and start time) for the next hub when this one dies without closing it.
 * Linux and macOS report each process's command line, which names the profile; Windows does not, so there the
 * browser names its own process (DevTools' SystemInfo.getProcessInfo, ~100 ms, which is why it is not the first way).
 */
final class BrowserProcess {

    private static final Logger LOG = Logger.getLogger(BrowserProcess.class);
    static final String RECORD = "browser.pid";

    private BrowserProcess() {
    }

    static Optional<ProcessHandle> of(BrowserContext context, Path profile) {
        Optional<ProcessHandle> found = byCommandLine(profile);
        return found.isPresent() ? found : byDevTools(context);
    }

    /** The hub's descendant whose command line names this profile and is no helper (renderer, GPU, ...). */
    static Optional<ProcessHandle> byCommandLine(Path profile) {
        String needle = "--user-data-dir=" + profile.toAbsolutePath();
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> LeftoverBrowsers.namesProfile(c, needle) && !c.contains("--type=")).orElse(false))
                .findFirst();
    }

    /** The process the browser itself reports as its "browser" process, when it is one of the hub's descendants. */
    static Optional<ProcessHandle> byDevTools(BrowserContext context) {
        try {
            CDPSession devTools = context.browser().newBrowserCDPSession();
            try {
                JsonObject info = devTools.send("SystemInfo.getProcessInfo");
                for (JsonElement process : info.getAsJsonArray("processInfo")) {
                    JsonObject p = process.getAsJsonObject();
                    if ("browser".equals(p.get("type").getAsString())) {
                        long pid = p.get("id").getAsLong();
                        return ProcessHandle.current().descendants().filter(d -> d.pid() == pid).findFirst();
                    }
                }
            } finally {
                devTools.detach();
            }
        } catch (PlaywrightException | NullPointerException | IllegalStateException e) {
            LOG.debugf("The browser did not name its process: %s", e.getMessage());
        }
        return Optional.empty();
    }

    /** Writes {@code browser.pid} beside the profile: the pid and the process's start, so a reused pid is not mistaken for it. */
    static void record(Path profile, ProcessHandle browser) {
        try {
            Files.writeString(profile.resolveSibling(RECORD), browser.pid() + " "
                    + browser.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "\n");
        } catch (IOException e) {
            LOG.debugf("Cannot record the browser's process beside %s: %s", profile, e.getMessage());
        }
    }

    static void forget(Path profile) {
        try {
            Files.deleteIfExists(profile.resolveSibling(RECORD));
        } catch (IOException ignored) {
            // an outdated record is checked against the process's start time anyway
        }
    }

    /** The process a record beside this profile names, when it still runs and started when the record says. */
    static Optional<ProcessHandle> recorded(Path profile) {
        Path record = profile.resolveSibling(RECORD);
        try {
            if (!Files.isRegularFile(record)) {
                return Optional.empty();
            }
            String[] fields = Files.readString(record).strip().split(" ");
            long pid = Long.parseLong(fields[0]);
            long started = fields.length > 1 ? Long.parseLong(fields[1]) : 0;
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == started);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
