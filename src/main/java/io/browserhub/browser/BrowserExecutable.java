package io.browserhub.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds the Chromium-family browser to launch: the configured one, else the first one installed. */
public final class BrowserExecutable {

    private static final List<String> CANDIDATES = List.of(
            "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

    private BrowserExecutable() {
    }

    /**
     * The configured executable when given (it must exist), else an installed Chromium or Chrome, else
     * empty: Playwright's own browser download is then used.
     */
    public static Optional<Path> locate(Optional<String> configured) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return Optional.of(Path.of(configured.get()));
        }
        for (String candidate : CANDIDATES) {
            Optional<Path> found = resolve(candidate);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> resolve(String candidate) {
        if (candidate.contains("/")) {
            Path p = Path.of(candidate);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, candidate);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
