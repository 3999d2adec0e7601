package io.browserhub.observability;

/**
 * The one way a string a client or a page chose (a session id, a client name, a method, a URL, an error text)
 * goes into a log line: line breaks, NUL and every other control or bidirectional-override character become
 * visible escapes, a backslash is doubled so that no escape can be faked, and very long text is cut. A client can
 * then never write a line of its own into the hub's log (log forging), nor hide text in one.
 */
public final class LogText {

    /** Longer text is cut: a log line is for people, and a 10 MB method name is an attack. */
    static final int MAX_CHARS = 300;

    private LogText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
        int limit = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > limit) {
            out.append("...(").append(text.length() - limit).append(" more characters)");
        }
        return out.toString();
    }

    /** For values of any type (an exception's message, a map of event data): their text, escaped. */
    public static String escape(Object value) {
        return escape(value == null ? null : String.valueOf(value));
    }

    /**
     * An exception to log with its stack trace: the same class name, frames and causes, with every message
     * escaped. Exception messages carry client and page text (a selector, a URL, a script's error).
     */
    public static Throwable safe(Throwable t) {
        if (t == null || t instanceof Escaped) {
            return t;
        }
        Escaped copy = new Escaped(t.getClass().getName(), escape(t.getMessage()), safe(t.getCause() == t ? null : t.getCause()));
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    /** Prints as the original would: "the.Class: message". */
    private static final class Escaped extends RuntimeException {
        private final String className;

        Escaped(String className, String message, Throwable cause) {
            super(message, cause, false, true);
            this.className = className;
        }

        @Override
        public String toString() {
            return className + ": " + getMessage();
        }
    }

    private static boolean needsEscape(char c) {
        return Character.isISOControl(c)                 // C0, DEL and C1, NUL among them
                || c == '\u2028' || c == '\u2029'          // line and paragraph separators
                || (c >= '\u202a' && c <= '\u202e')        // bidirectional embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069')        // bidirectional isolates
                || c == '\u061c' || c == '\u200e' || c == '\u200f';
    }
}
