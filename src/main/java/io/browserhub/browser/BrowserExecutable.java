package io.browserhub.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the Chromium-family browser to launch: the configured one, else the first one installed where its installer
 * puts it (Chrome, then Chromium, then Edge, at their standard places per operating system), else one on the PATH.
 */
public final class BrowserExecutable {

    private static final List<String> LINUX_PATHS = List.of("usr/bin/chromium", "usr/bin/chromium-browser",
            "usr/bin/google-chrome", "usr/bin/google-chrome-stable", "opt/google/chrome/chrome", "snap/bin/chromium",
            "usr/bin/microsoft-edge", "opt/microsoft/msedge/msedge");
    private static final List<String> LINUX_NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable", "microsoft-edge", "microsoft-edge-stable");
    private static final List<String> MAC_APPS = List.of("Google Chrome.app/Contents/MacOS/Google Chrome",
            "Chromium.app/Contents/MacOS/Chromium", "Microsoft Edge.app/Contents/MacOS/Microsoft Edge");
    /** Folder under Program Files or the user's Local AppData, and the program in it. */
    private static final List<String[]> WINDOWS_INSTALLS = List.of(
            new String[] {"Google\\Chrome\\Application", "chrome.exe"},
            new String[] {"Chromium\\Application", "chrome.exe"},
            new String[] {"Microsoft\\Edge\\Application", "msedge.exe"});
    private static final List<String> WINDOWS_ROOTS = List.of("LOCALAPPDATA", "ProgramFiles", "ProgramFiles(x86)", "ProgramW6432");

    private BrowserExecutable() {
    }

    /**
     * The configured executable when given (it must exist), else an installed Chromium, Chrome or Edge, else
     * empty: Playwright's own browser download is then used.
     */
    public static Optional<Path> locate(Optional<String> configured) {
        return locate(configured, Machine.current());
    }

    public static Optional<Path> locate(Optional<String> configured, Machine machine) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return Optional.of(Path.of(configured.get()));
        }
        for (Supplier<Optional<Path>> candidate : candidates(machine)) {
            Optional<Path> found = candidate.get().filter(Machine::isProgram);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Where to look, in order; each candidate is looked at only when the ones before it found nothing. */
    private static List<Supplier<Optional<Path>>> candidates(Machine machine) {
        List<Supplier<Optional<Path>>> candidates = new ArrayList<>();
        switch (machine.os()) {
            case MAC -> {
                for (String app : MAC_APPS) {
                    candidates.add(() -> Optional.of(machine.fromRoot("Applications/" + app)));
                    candidates.add(() -> Optional.of(machine.home().resolve("Applications/" + app)));
                }
                LINUX_NAMES.forEach(name -> candidates.add(() -> machine.onPath(name)));
            }
            case WINDOWS -> {
                // the registry names where an installer put chrome.exe or msedge.exe, wherever that is; else the usual folders
                for (String[] install : WINDOWS_INSTALLS) {
                    candidates.add(() -> machine.appPaths().lookup(install[1]));
                    for (String root : WINDOWS_ROOTS) {
                        candidates.add(() -> machine.env(root).map(dir -> windowsPath(dir, install[0], install[1])));
                    }
                }
                List.of("chrome", "msedge", "chromium").forEach(name -> candidates.add(() -> machine.onPath(name)));
            }
            default -> {
                LINUX_PATHS.forEach(path -> candidates.add(() -> Optional.of(machine.fromRoot(path))));
                LINUX_NAMES.forEach(name -> candidates.add(() -> machine.onPath(name)));
            }
        }
        return candidates;
    }

    private static Path windowsPath(String root, String folder, String exe) {
        Path path = Path.of(root);
        for (String part : folder.split("\\\\")) {
            path = path.resolve(part);
        }
        return path.resolve(exe);
    }
}
