package io.browserhub.browser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Playwright exception message. Playwright's Java client renders server errors as
 * "Error {\n  message='..\n  name='..\n  stack='..\n}" followed by a call log; other errors are plain text.
 */
public record PlaywrightMessage(String message, String name, String stack) {

    /** Playwright's words for a page, context or browser that went away during a call. */
    public static final String TARGET_CLOSED = "Target page, context or browser has been closed";

    private static final Pattern SERVER_ERROR = Pattern.compile(
            "Error \\{\\s*message='(.*?)\\n\\s*name='(.*?)\\n\\s*stack='(.*?)\\n\\}", Pattern.DOTALL);

    public static PlaywrightMessage of(Throwable e) {
        String raw = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher m = SERVER_ERROR.matcher(raw);
        if (m.find()) {
            return new PlaywrightMessage(m.group(1), m.group(2), m.group(3));
        }
        return new PlaywrightMessage(raw, "", "");
    }

    /** An error of the driver's, as Playwright Java words it: for errors the hub meets beside Playwright. */
    public static String serverError(String message) {
        return "Error {\n  message='" + message + "\n  name='Error\n  stack='Error: " + message + "\n}";
    }

    /**
     * Whether a Playwright message says the page, context or browser of the call closed under it (newer drivers say
     * {@link #TARGET_CLOSED}, older ones "Target closed").
     */
    public static boolean saysTargetClosed(String raw) {
        return raw.contains("has been closed") || raw.contains("Target closed");
    }

    /** The first line of the message, trimmed: what a person reads. */
    public String firstLine() {
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
