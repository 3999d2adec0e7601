package io.browserhub.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Cleans up after a hub that died without closing its browsers: ends the Chromium processes still running
 * on our profiles and removes the Singleton* locks that would stop a new Chromium from using them.
 */
public final class LeftoverBrowsers {

    private static final Logger LOG = Logger.getLogger(LeftoverBrowsers.class);
    private static final List<String> LOCKS = List.of("SingletonLock", "SingletonSocket", "SingletonCookie", "lockfile");

    private LeftoverBrowsers() {
    }

    /**
     * Ends every process whose command line names one of these profiles (where the OS reports command lines: Linux,
     * macOS) or that the profile's {@code browser.pid} record names (everywhere, Windows included); returns how many.
     */
    public static int endProcessesUsing(List<Path> profiles) {
        if (profiles.isEmpty()) {
            return 0;
        }
        List<String> needles = profiles.stream().map(p -> "--user-data-dir=" + p.toAbsolutePath()).toList();
        long self = ProcessHandle.current().pid();
        Set<ProcessHandle> leftovers = new LinkedHashSet<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> commandLineMentions(p, needles))
                .forEach(leftovers::add);
        for (Path profile : profiles) {
            BrowserProcess.recorded(profile).filter(p -> p.pid() != self).ifPresent(leftovers::add);
            BrowserProcess.forget(profile);
        }
        for (ProcessHandle p : leftovers) {
            LOG.infof("Ending browser process %d left behind on a session profile by an earlier hub", p.pid());
            ProcessTrees.end(p, 5, TimeUnit.SECONDS);
        }
        return leftovers.size();
    }

    private static boolean commandLineMentions(ProcessHandle p, List<String> needles) {
        Optional<String> line = p.info().commandLine();
        if (line.isEmpty()) {
            return false;
        }
        return needles.stream().anyMatch(needle -> namesProfile(line.get(), needle));
    }

    /** Whether the command line has this --user-data-dir=... switch, the path ending there ("work" is not "work2"). */
    static boolean namesProfile(String commandLine, String needle) {
        for (int at = commandLine.indexOf(needle); at >= 0; at = commandLine.indexOf(needle, at + 1)) {
            int end = at + needle.length();
            if (end == commandLine.length() || commandLine.charAt(end) == ' ' || commandLine.charAt(end) == '"') {
                return true;
            }
        }
        return false;
    }

    /** Removes Chromium's profile locks; only call once no browser uses the profile. */
    public static void clearLocks(Path profile) {
        for (String lock : LOCKS) {
            try {
                Files.deleteIfExists(profile.resolve(lock));
            } catch (IOException e) {
                LOG.warnf("Cannot remove stale lock %s: %s", profile.resolve(lock), e.getMessage());
            }
        }
    }

    /** Empties the temp directory browsers and drivers used; only call once none of them runs. */
    public static void clearTempFiles(Path tempDir) {
        if (!Files.isDirectory(tempDir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(tempDir)) {
            entries.forEach(FileTrees::deleteQuietly);
        } catch (IOException e) {
            LOG.warnf("Cannot clear %s: %s", tempDir, e.getMessage());
        }
    }

    /** Removes the temp directory browsers and drivers used, as the hub stops; only call once none of them runs. */
    public static void removeTempDir(Path tempDir) {
        FileTrees.deleteQuietly(tempDir);
    }

    /** Every session profile currently under the sessions directory. */
    public static List<Path> profilesUnder(Path sessionsDir) {
        if (!Files.isDirectory(sessionsDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(sessionsDir)) {
            return dirs.map(d -> d.resolve("profile")).filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
