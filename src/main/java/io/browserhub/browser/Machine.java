package io.browserhub.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a computer a search for installed programs looks at: its operating system, environment variables,
 * file system root and home folder, and (on Windows) the registry's App Paths. {@link #current()} is this machine;
 * tests describe a Mac or a Windows PC as a fake file tree.
 */
public record Machine(Os os, Map<String, String> env, Path root, Path home, AppPaths appPaths) {

    public enum Os {
        LINUX, MAC, WINDOWS, OTHER;

        static Os of(String osName) {
            String name = osName.toLowerCase(Locale.ROOT);
            if (name.contains("windows")) {
                return WINDOWS;
            }
            if (name.contains("mac os x") || name.contains("darwin")) {
                return MAC;
            }
            return name.contains("linux") ? LINUX : OTHER;
        }
    }

    /** Windows' registry of installed programs (HKCU, then HKLM ...\CurrentVersion\App Paths\<exe>). */
    @FunctionalInterface
    public interface AppPaths {
        AppPaths NONE = exe -> Optional.empty();

        Optional<Path> lookup(String exe);
    }

    public static Machine current() {
        Os os = Os.of(System.getProperty("os.name", ""));
        Path home = Path.of(System.getProperty("user.home", "."));
        Path root = os == Os.WINDOWS ? Path.of(System.getenv().getOrDefault("SystemDrive", "C:") + "\\") : Path.of("/");
        return new Machine(os, System.getenv(), root, home, os == Os.WINDOWS ? new WindowsRegistry() : AppPaths.NONE);
    }

    /** An environment variable; Windows' names ignore case. */
    public Optional<String> env(String name) {
        String value = env.get(name);
        if (value == null && os == Os.WINDOWS) {
            value = env.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    /** A path given from the file system root, e.g. "Applications/Chromium.app/Contents/MacOS/Chromium". */
    public Path fromRoot(String relative) {
        return root.resolve(relative);
    }

    /** The first executable file called {@code name} in a folder of PATH (on Windows also name + each PATHEXT suffix). */
    public Optional<Path> onPath(String name) {
        Optional<String> path = env("PATH");
        if (path.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(List.of(name));
        if (os == Os.WINDOWS && !name.contains(".")) {
            for (String ext : env("PATHEXT").orElse(".COM;.EXE;.BAT;.CMD").split(";")) {
                names.add(name + ext.toLowerCase(Locale.ROOT));
            }
        }
        String separator = os == Os.WINDOWS ? ";" : File.pathSeparator;
        for (String dir : path.get().split(separator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String candidate : names) {
                Path p = Path.of(dir.strip()).resolve(candidate);
                if (isProgram(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** A regular file this user may run. */
    public static boolean isProgram(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
