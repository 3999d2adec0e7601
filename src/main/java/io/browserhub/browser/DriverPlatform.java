package io.browserhub.browser;

import java.util.Locale;

/**
 * Which of Playwright's Node.js builds runs on a machine: the folder names of Playwright's driver-bundle
 * ({@code driver/<platform>/node}). A native executable carries only the one of the machine that built it.
 */
public enum DriverPlatform {
    LINUX("linux", "node"),
    LINUX_ARM64("linux-arm64", "node"),
    MAC("mac", "node"),
    MAC_ARM64("mac-arm64", "node"),
    WINDOWS_X64("win32_x64", "node.exe");

    private final String folder;
    private final String node;

    DriverPlatform(String folder, String node) {
        this.folder = folder;
        this.node = node;
    }

    /** The folder under {@code driver/} in Playwright's driver-bundle jar. */
    public String folder() {
        return folder;
    }

    /** The Node.js executable's file name. */
    public String node() {
        return node;
    }

    /** This machine's platform. */
    public static DriverPlatform current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** The platform for these {@code os.name} and {@code os.arch} values; the same rules as Playwright's own DriverJar. */
    public static DriverPlatform of(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        boolean arm64 = osArch.toLowerCase(Locale.ROOT).equals("aarch64");
        if (name.contains("windows")) {
            // Playwright ships no Windows on ARM build; x64 Node runs there under emulation
            return WINDOWS_X64;
        }
        if (name.contains("linux")) {
            return arm64 ? LINUX_ARM64 : LINUX;
        }
        if (name.contains("mac os x") || name.contains("darwin")) {
            return arm64 ? MAC_ARM64 : MAC;
        }
        throw new IllegalStateException("Playwright has no driver for " + osName + " (" + osArch + ")");
    }
}
