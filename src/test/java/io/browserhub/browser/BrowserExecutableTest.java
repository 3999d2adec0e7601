package io.browserhub.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.browserhub.browser.Machine.Os;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browser discovery on a Mac, a Windows PC and Linux, each described as a fake file tree (nothing here runs macOS or
 * Windows): where each installer puts Chrome, Chromium and Edge, the registry's App Paths, and PATH.
 */
class BrowserExecutableTest {

    @TempDir
    Path fs;

    @Test
    void aMacFindsChromeInApplicationsBeforeChromiumAndEdge() throws IOException {
        Path root = fs.resolve("mac");
        program(root.resolve("Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"));
        Machine mac = machine(Os.MAC, root, Map.of());
        assertEquals(found(root.resolve("Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge")), locate(mac));

        program(root.resolve("Applications/Chromium.app/Contents/MacOS/Chromium"));
        assertEquals(found(root.resolve("Applications/Chromium.app/Contents/MacOS/Chromium")), locate(mac));

        Path own = program(fs.resolve("home/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"));
        assertEquals(found(own), locate(mac), "Chrome in the user's own Applications folder");
        Path system = program(root.resolve("Applications/Google Chrome.app/Contents/MacOS/Google Chrome"));
        assertEquals(found(system), locate(mac), "Chrome for every user first");
    }

    @Test
    void aMacWithoutAnAppFallsBackToThePath() throws IOException {
        Path bin = program(fs.resolve("opt/homebrew/bin/chromium")).getParent();
        assertEquals(found(bin.resolve("chromium")), locate(machine(Os.MAC, fs.resolve("mac"), Map.of("PATH", bin.toString()))));
    }

    @Test
    void windowsAsksTheRegistryFirstThenTheUsualFolders() throws IOException {
        Path programFiles = fs.resolve("C/Program Files");
        Path programFilesX86 = fs.resolve("C/Program Files (x86)");
        Path localAppData = fs.resolve("C/Users/ada/AppData/Local");
        Map<String, String> env = Map.of("ProgramFiles", programFiles.toString(), "PROGRAMFILES(X86)", programFilesX86.toString(),
                "LocalAppData", localAppData.toString());

        Path edge = program(programFilesX86.resolve("Microsoft/Edge/Application/msedge.exe"));
        assertEquals(found(edge), locate(machine(Os.WINDOWS, fs, env)), "Edge, which every Windows has, when nothing else is");

        Path userChrome = program(localAppData.resolve("Google/Chrome/Application/chrome.exe"));
        assertEquals(found(userChrome), locate(machine(Os.WINDOWS, fs, env)), "Chrome installed for one user (env names ignore case)");

        Path elsewhere = program(fs.resolve("D/Apps/Chrome/chrome.exe"));
        Map<String, Path> registry = Map.of("chrome.exe", elsewhere);
        Machine withRegistry = new Machine(Os.WINDOWS, env, fs, fs.resolve("home"), exe -> Optional.ofNullable(registry.get(exe)));
        assertEquals(found(elsewhere), BrowserExecutable.locate(Optional.empty(), withRegistry), "the installer's own App Paths entry");

        Machine staleRegistry = new Machine(Os.WINDOWS, env, fs, fs.resolve("home"), exe -> Optional.of(fs.resolve("gone/" + exe)));
        assertEquals(found(userChrome), BrowserExecutable.locate(Optional.empty(), staleRegistry), "an entry whose file is gone is skipped");
    }

    @Test
    void windowsFindsChromeOnThePathWithPathext() throws IOException {
        Path bin = program(fs.resolve("tools/chrome.exe")).getParent();
        Machine pc = machine(Os.WINDOWS, fs, Map.of("Path", bin + ";" + fs.resolve("empty"), "PATHEXT", ".COM;.EXE"));
        assertEquals(found(bin.resolve("chrome.exe")), locate(pc));
    }

    @Test
    void linuxPrefersTheDistributionsChromiumThenChromeThenThePath() throws IOException {
        Path root = fs.resolve("linux");
        Path bin = program(fs.resolve("local/bin/google-chrome-stable")).getParent();
        Machine linux = machine(Os.LINUX, root, Map.of("PATH", bin.toString()));
        assertEquals(found(bin.resolve("google-chrome-stable")), locate(linux));
        Path chrome = program(root.resolve("opt/google/chrome/chrome"));
        assertEquals(found(chrome), locate(linux));
        Path chromium = program(root.resolve("usr/bin/chromium"));
        assertEquals(found(chromium), locate(linux));
    }

    @Test
    void aFileThatCannotRunIsNoBrowserAndTheConfiguredOneAlwaysWins() throws IOException {
        Path root = fs.resolve("linux");
        Path notRunnable = root.resolve("usr/bin/chromium");
        Files.createDirectories(notRunnable.getParent());
        Files.writeString(notRunnable, "");
        notRunnable.toFile().setExecutable(false);
        Machine linux = machine(Os.LINUX, root, Map.of());
        assertEquals(Optional.empty(), locate(linux));
        assertEquals(found(Path.of("/my/chrome")), BrowserExecutable.locate(Optional.of("/my/chrome"), linux));
    }

    @Test
    void theRegistrysAnswerIsReadInAnyLanguage() {
        String english = "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\chrome.exe\r\n"
                + "    (Default)    REG_SZ    C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\r\n"
                + "    Path    REG_SZ    C:\\Program Files\\Google\\Chrome\\Application\r\n\r\n";
        assertEquals(Optional.of("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"), WindowsRegistry.defaultValue(english));
        String german = "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\App Paths\\msedge.exe\r\n"
                + "    (Standard)    REG_SZ    \"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe\"\r\n";
        assertEquals(Optional.of("C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe"), WindowsRegistry.defaultValue(german));
        assertEquals(Optional.empty(), WindowsRegistry.defaultValue("ERROR: The system was unable to find the specified registry key or value.\r\n"));
    }

    private Machine machine(Os os, Path root, Map<String, String> env) {
        return new Machine(os, new HashMap<>(env), root, fs.resolve("home"), Machine.AppPaths.NONE);
    }

    private static Optional<Path> locate(Machine machine) {
        return BrowserExecutable.locate(Optional.empty(), machine);
    }

    private static Optional<Path> found(Path p) {
        return Optional.of(p);
    }

    private static Path program(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/true\n");
        p.toFile().setExecutable(true);
        return p;
    }
}
