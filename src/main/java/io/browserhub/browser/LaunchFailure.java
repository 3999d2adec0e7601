package io.browserhub.browser;

import java.nio.file.Path;

/** Chromium's launch errors in words that say what is wrong and what to do, where its own words do not. */
public final class LaunchFailure {

    private LaunchFailure() {
    }

    /** The first line of Playwright's launch error, explained when it is one Chromium words for its own developers. */
    public static String explain(String message, Path profile) {
        if (message.contains("ProcessSingleton") || message.contains("SingletonLock") || message.contains("profile appears to be in use")) {
            return "Chromium could not lock the session's profile directory " + profile + ": the directory cannot be written"
                    + " (read-only, immutable as with chattr +i, on a read-only file system, or owned by another user), or a"
                    + " Chromium outside this hub is using it. Make it writable (ls -ld, lsattr -d), or end that browser."
                    + " (Chromium said: " + message + ")";
        }
        return message;
    }
}
