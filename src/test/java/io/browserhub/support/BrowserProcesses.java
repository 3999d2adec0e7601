package io.browserhub.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The Chromium processes this JVM's hub started, read from the OS, to check what really runs. */
public final class BrowserProcesses {

    private BrowserProcesses() {
    }

    /** Main browser processes (not renderers or helpers) among this JVM's descendants. */
    public static List<ProcessHandle> browsers() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("--user-data-dir=") && !c.contains("--type=")).orElse(false))
                .toList();
    }

    /** The main browser process running on this profile. */
    public static Optional<ProcessHandle> browserOn(Path profile) {
        String needle = "--user-data-dir=" + profile.toAbsolutePath();
        return browsers().stream().filter(p -> p.info().commandLine().orElse("").contains(needle)).findFirst();
    }
}
