package io.browserhub.command;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.WaitUntilState;
import io.browserhub.error.HubException;
import io.browserhub.session.Later;
import io.browserhub.session.LiveSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Waits as {@link Later}s: quick looks at the page between other work, so that a wait in one tab never stalls the
 * session's other tabs (issue 20). Each look costs one round trip to the driver, or none; the first comes at once.
 */
final class Waits {

    /** What one look at the page may wait for, at most: a load state or URL that has not come yet. */
    private static final double LOOK_MS = 1;

    private Waits() {
    }

    /** A condition on the page: true once it holds. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    /** page.waitFor: every condition the parameters name (element or text state, load state, URL) holds at once. */
    static Later<Map<String, Object>> forParams(Page page, Params p) {
        List<Condition> all = new ArrayList<>();
        if (p.has("selector") || p.has("text")) {
            String state = p.choice("state", "visible", List.of("visible", "hidden", "attached", "detached"));
            if (p.has("selector")) {
                all.add(elementState(page.locator(p.string("selector")).first(), state));
            }
            if (p.has("text")) {
                all.add(elementState(page.getByText(p.string("text")).first(), state));
            }
        }
        if (p.has("loadState")) {
            all.add(loadState(page, LoadState.valueOf(p.choice("loadState", null, List.of("load", "domcontentloaded", "networkidle"))
                    .toUpperCase(Locale.ROOT))));
        }
        if (p.has("urlPattern")) {
            all.add(url(page, p.string("urlPattern")));
        }
        if (all.isEmpty()) {
            throw HubException.invalidParams("page.waitFor needs at least one of selector, text, loadState or urlPattern.");
        }
        return until(p.timeoutMs(), () -> {
            for (Condition c : all) {
                if (!c.holds()) {
                    return false;
                }
            }
            return true;
        }).then((live, ok, left) -> Map.of());
    }

    /** Until the condition holds; a TimeoutError (as Playwright's own) after {@code timeoutMs}. */
    static Later<Boolean> until(double timeoutMs, Condition condition) {
        return Later.until(timeoutMs, live -> condition.holds() ? Optional.of(true) : Optional.empty(), timedOut(timeoutMs));
    }

    /** Until the element can take an action (it is visible; {@code attachedOnly}: it exists), then the action. */
    static <R> Later<R> thenAct(Locator locator, double timeoutMs, boolean attachedOnly, Later.Then<Boolean, R> action) {
        return until(timeoutMs, attachedOnly ? () -> locator.count() > 0 : locator::isVisible).then(action);
    }

    /**
     * A navigation that has committed: the load state it was asked to wait for comes later, while other tabs' commands
     * run. {@code startedNanos}: when the navigation began, which the timeout counts from.
     */
    static <R> Later<R> loaded(Page page, String waitUntil, double timeoutMs, long startedNanos, Supplier<R> result) {
        timeoutMs = left(timeoutMs, startedNanos);
        if (waitUntil.equals("commit")) {
            return until(timeoutMs, () -> true).then((live, ok, left) -> result.get());
        }
        return until(timeoutMs, loadState(page, LoadState.valueOf(waitUntil.toUpperCase(Locale.ROOT)))).then((live, ok, left) -> result.get());
    }

    /** What is left of a timeout (0: none) that began at {@code startedNanos}; at least 1 ms. */
    static double left(double timeoutMs, long startedNanos) {
        if (timeoutMs <= 0) {
            return 0;
        }
        return Math.max(1, timeoutMs - (System.nanoTime() - startedNanos) / 1e6);
    }

    private static Condition elementState(Locator locator, String state) {
        return switch (state) {
            case "visible" -> locator::isVisible;
            case "hidden" -> locator::isHidden;
            case "attached" -> () -> locator.count() > 0;
            default -> () -> locator.count() == 0;
        };
    }

    /** Playwright knows a frame's load states from its events: asking costs no round trip once one has come. */
    private static Condition loadState(Page page, LoadState state) {
        return () -> {
            try {
                page.waitForLoadState(state, new Page.WaitForLoadStateOptions().setTimeout(LOOK_MS));
                return true;
            } catch (TimeoutError e) {
                return false;
            }
        };
    }

    /** Playwright's own glob and regular expression rules, asked without waiting for a navigation. */
    private static Condition url(Page page, String pattern) {
        Page.WaitForURLOptions options = new Page.WaitForURLOptions().setTimeout(LOOK_MS).setWaitUntil(WaitUntilState.COMMIT);
        Pattern regex = pattern.length() > 2 && pattern.startsWith("/") && pattern.endsWith("/")
                ? Pattern.compile(pattern.substring(1, pattern.length() - 1)) : null;
        return () -> {
            try {
                if (regex != null) {
                    page.waitForURL(regex, options);
                } else {
                    page.waitForURL(pattern, options);
                }
                return true;
            } catch (TimeoutError e) {
                return false;
            }
        };
    }

    private static Supplier<PlaywrightException> timedOut(double timeoutMs) {
        return () -> new TimeoutError("Timeout " + (long) timeoutMs + "ms exceeded.");
    }
}
