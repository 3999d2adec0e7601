package io.browserhub.error;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small helpers for exceptions and their messages, shared by every package. */
public final class Throwables {

    private Throwables() {
    }

    /** The first line of a message ("" for null): Playwright's messages carry call logs and stacks after it. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The failure inside CompletionException / ExecutionException wrappers. */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
