package io.browserhub.session;

import io.browserhub.error.HubException;
import java.util.regex.Pattern;

/**
 * Session ids become directory names, so they are checked before anything touches the file system:
 * ASCII letters, digits, '.', '_' and '-', starting with a letter or digit, 1 to 64 characters, no "..".
 */
public final class SessionId {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private SessionId() {
    }

    public static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches() && !id.contains("..");
    }

    public static String require(String id) {
        if (!valid(id)) {
            throw HubException.invalidParams("Invalid session id " + quote(id)
                    + ": use 1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit, without \"..\".");
        }
        return id;
    }

    private static String quote(String id) {
        if (id == null) {
            return "(none)";
        }
        String shown = id.length() > 80 ? id.substring(0, 80) + "..." : id;
        StringBuilder out = new StringBuilder("\"");
        shown.codePoints().forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u%04x", cp));
            }
        });
        return out.append('"').toString();
    }
}
