package io.browserhub.data.files;

import io.browserhub.error.HubException;

/**
 * File names in a session's directories are checked before anything touches the file system, like session ids: one
 * path segment, no "..", nothing hidden, no control or separator characters. Downloads keep their suggested names
 * (spaces, accents), so the check is about what could leave the directory, not about looks.
 */
public final class FileName {

    private static final int MAX = 255;

    private FileName() {
    }

    public static boolean valid(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX && !name.startsWith(".") && !name.contains("..")
                && name.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':');
    }

    /** INVALID_PARAMS unless {@link #valid}. */
    public static String require(String name) {
        if (!valid(name)) {
            String shown = name == null ? "(none)" : name.length() > 80 ? name.substring(0, 80) + "..." : name;
            throw HubException.invalidParams("Invalid file name \"" + shown.replaceAll("\\p{Cntrl}", "?") + "\": one name of at most "
                    + MAX + " characters, without \"/\", \"\\\", \":\", \"..\", a leading \".\" or control characters.");
        }
        return name;
    }
}
