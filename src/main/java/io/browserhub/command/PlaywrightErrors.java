package io.browserhub.command;

import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import io.browserhub.browser.PlaywrightMessage;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.session.LiveSession;
import io.browserhub.session.event.DialogClosed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Playwright's exceptions into protocol errors with a sentence a person can act on. */
final class PlaywrightErrors {


    /** "TypeError: msg" or "Error: Error: msg": the page's error name and message inside Playwright's wrapper. */
    private static final Pattern THROWN = Pattern.compile("(?:Error: )?([A-Za-z_$][\\w$]*(?:Error|Exception)?): (.*)");
    /** A strict-mode violation: "resolved to 3 elements:", then "    1) <button>One</button> aka getByRole(...)" lines. */
    private static final Pattern MATCH_COUNT = Pattern.compile("resolved to (\\d+) elements");
    private static final Pattern MATCH_LINE = Pattern.compile("\\s*(\\d+)\\) (<.*?>.*?)(?: aka .*)?");
    /** The call log's "locator resolved to <p id="para">text</p>". */
    private static final Pattern RESOLVED = Pattern.compile("locator resolved to (<.*)");

    /** An action on the wrong kind of element: what Playwright says, what the action needs, and what to do instead. */
    private record WrongElement(String playwrightSays, String needs, String instead) {
    }

    private static final List<WrongElement> WRONG_ELEMENTS = List.of(
            new WrongElement("Element is not an <input>, <textarea>, <select> or [contenteditable]",
                    "a text field (<input>, <textarea> or a contenteditable element)",
                    "Use page.click for buttons and links, or page.type to type into whatever has the focus."),
            new WrongElement("cannot be filled", "a text field (<input>, <textarea> or a contenteditable element)",
                    "Use page.check or page.uncheck for checkboxes and radio buttons, page.setInputFiles for file inputs."),
            new WrongElement("Not a checkbox or radio button", "a checkbox or radio button",
                    "Use page.click to press other elements."),
            new WrongElement("Element is not a <select> element", "a <select> element",
                    "For a drop-down built from other elements, page.click it, then page.click the option."),
            new WrongElement("Node is not an HTMLInputElement", "an <input type=\"file\">",
                    "Some pages hide the file input behind a button: point the selector at the input itself."));

    private PlaywrightErrors() {
    }

    static <T> T translate(Call call, LiveSession live, Callable<T> action) throws Exception {
        int dialogsBefore = live.dialogs().opened();
        try {
            return action.call();
        } catch (PlaywrightException e) {
            if (e instanceof TimeoutError && live.dialogs().opened() > dialogsBefore) {
                throw heldByDialog(call, live.dialogs().lastClosed(), e);
            }
            throw translate(call, e);
        }
    }

    /**
     * The command's time ran out while a dialog it opened held the page. Playwright then reports a plain timeout
     * (for a click: "no actionable element"), but the action has usually happened: say so, lest the agent repeat it.
     */
    private static HubException heldByDialog(Call call, DialogClosed dialog, PlaywrightException e) {
        Params p = call.params();
        Map<String, Object> data = new LinkedHashMap<>();
        if (p.has("selector")) {
            data.put("selector", p.string("selector"));
        }
        data.put("timeoutMs", (long) p.timeoutMs());
        String what = "a dialog";
        if (dialog != null) {
            data.put("dialog", dialog);
            what = "a " + dialog.type() + " dialog (\"" + dialog.message() + "\", "
                    + (dialog.accepted() ? "accepted" : "dismissed") + ": " + dialog.how() + ")";
        }
        return new HubException(ErrorCode.TIMEOUT, call.method() + " opened " + what + " that held the page past the "
                + (long) p.timeoutMs() + " ms timeout. The action itself has probably taken effect: check the page before"
                + " repeating it. Answer dialogs with page.handleDialog while the command waits, or beforehand.", data, e);
    }

    static HubException translate(Call call, PlaywrightException e) {
        Params p = call.params();
        PlaywrightMessage parsed = PlaywrightMessage.of(e);
        String message = parsed.message();
        String name = parsed.name();
        String stack = parsed.stack();
        Map<String, Object> data = new LinkedHashMap<>();
        if (p.has("selector")) {
            data.put("selector", p.string("selector"));
        }
        if (e instanceof TimeoutError) {
            data.put("timeoutMs", (long) p.timeoutMs());
            if (p.has("selector") && !call.method().equals("page.waitFor")) {
                // selectOption also waits for the options: the element may well be there
                String options = call.method().equals("page.selectOption") ? " with options " + p.strings("values") : "";
                return new HubException(ErrorCode.NO_ELEMENT, "No actionable element matched selector \"" + p.string("selector")
                        + "\"" + options + " within " + (long) p.timeoutMs() + " ms" + refHint(p) + " (" + firstLine(message) + ").", data, e);
            }
            return new HubException(ErrorCode.TIMEOUT, call.method() + " did not finish within " + (long) p.timeoutMs()
                    + " ms: " + firstLine(message), data, e);
        }
        if (p.has("selector") && (message.contains("does not match any element") || message.contains("in aria-ref selector"))) {
            return new HubException(ErrorCode.NO_ELEMENT, "No element matched selector \"" + p.string("selector") + "\"" + refHint(p)
                    + " (" + firstLine(message) + ").", data, e);
        }
        if (message.contains("net::ERR_") || message.contains("Cannot navigate to invalid URL") || message.contains("invalid URL")
                || message.contains("interrupted by another navigation")) {
            if (!p.has("url")) {
                return new HubException(ErrorCode.NAVIGATION_FAILED, call.method() + " could not load the page: " + firstLine(message), data, e);
            }
            data.put("url", p.string("url"));
            return new HubException(ErrorCode.NAVIGATION_FAILED, "Could not load \"" + p.string("url") + "\": " + firstLine(message), data, e);
        }
        if (message.contains("Download is starting")) {
            data.put("url", p.string("url", ""));
            return new HubException(ErrorCode.NAVIGATION_FAILED, "\"" + p.string("url", "") + "\" is a file download, not a page;"
                    + " the tab stays where it was.", data, e);
        }
        if (message.contains("Unknown key:")) {
            return new HubException(ErrorCode.INVALID_PARAMS, firstLine(message).replaceFirst("^Error: ", "") + "; key names are"
                    + " Playwright's: Enter, Tab, Backspace, ArrowDown, Control, Shift, Alt, Meta, F1, a, KeyA, Digit1, ..."
                    + " and chords such as Control+A.", data, e);
        }
        // only a call with a selector can have a bad one: page.evaluate's own SyntaxErrors are the script's
        boolean scriptSyntax = call.method().equals("page.evaluate") && message.contains("SyntaxError");
        if (p.has("selector") && !scriptSyntax && isSelectorSyntax(message)) {
            return new HubException(ErrorCode.INVALID_PARAMS, "The selector is not valid: " + firstLine(message), data, e);
        }
        if (call.method().equals("page.evaluate") && !name.isEmpty() && !PlaywrightMessage.saysTargetClosed(message)) {
            return scriptError(message, stack, data, e);
        }
        if (PlaywrightMessage.saysTargetClosed(message)) {
            return new HubException(ErrorCode.SESSION_UNAVAILABLE, "The page or browser closed during " + call.method() + ": "
                    + firstLine(message), data, e);
        }
        if (message.contains("strict mode violation")) {
            return ambiguous(call, message, data, e);
        }
        for (WrongElement wrong : WRONG_ELEMENTS) {
            if (message.contains(wrong.playwrightSays())) {
                String element = resolvedElement(e.getMessage());
                if (element != null) {
                    data.put("element", element);
                }
                return new HubException(ErrorCode.NO_ELEMENT, call.method() + " needs " + wrong.needs() + ", but selector \""
                        + p.string("selector", "") + "\" is " + (element == null ? "another kind of element" : element) + ". "
                        + wrong.instead(), data, e);
            }
        }
        if (message.contains("Not a checkbox") || message.contains("not an <input>") || message.contains("Element is not")
                || message.contains("not a <select>") || message.contains("Cannot type") || message.contains("did not change its state")) {
            return new HubException(ErrorCode.NO_ELEMENT, "The element for selector \"" + p.string("selector", "")
                    + "\" cannot do that: " + firstLine(message), data, e);
        }
        return new HubException(ErrorCode.INTERNAL_ERROR, call.method() + " failed: " + firstLine(message), data, e);
    }

    /**
     * A strict-mode violation: the selector matched several elements where the action needs one. NO_ELEMENT, not
     * INVALID_PARAMS: the request is well formed and the same selector may match exactly one element on another page
     * or a moment later; like a selector that matches nothing, it is about this page, and the remedy is the same
     * (look at the page, then point at one element). Playwright lists at most ten of the matches.
     */
    private static HubException ambiguous(Call call, String message, Map<String, Object> data, PlaywrightException e) {
        String selector = call.params().string("selector", "");
        Matcher count = MATCH_COUNT.matcher(message);
        int total = count.find() ? Integer.parseInt(count.group(1)) : -1;
        List<Map<String, Object>> matches = new ArrayList<>();
        StringBuilder listed = new StringBuilder();
        for (String line : message.split("\n")) {
            Matcher m = MATCH_LINE.matcher(line);
            if (m.matches()) {
                int n = Integer.parseInt(m.group(1));
                String nth = selector + " >> nth=" + (n - 1);
                Map<String, Object> match = new LinkedHashMap<>();
                match.put("element", m.group(2));
                match.put("selector", nth);
                matches.add(match);
                listed.append("\n").append(n).append(") ").append(m.group(2)).append("  ->  ").append(nth);
            }
        }
        if (total >= 0) {
            data.put("count", total);
        }
        data.put("matches", matches);
        String more = total > matches.size() ? "\n... and " + (total - matches.size()) + " more" : "";
        return new HubException(ErrorCode.NO_ELEMENT, "Selector \"" + selector + "\" matched " + (total >= 0 ? total : "several")
                + " elements, and " + call.method() + " acts on exactly one. Make the selector specific (an id, role=button[name=\"...\"],"
                + " or a ref from page.snapshot as aria-ref=e5), or pick one of these:" + listed + more, data, e);
    }

    /** The element Playwright's call log says the selector resolved to, e.g. {@code <p id="para">text</p>}; null if none. */
    private static String resolvedElement(String raw) {
        String found = null;
        if (raw != null) {
            Matcher m = RESOLVED.matcher(raw);
            while (m.find()) {
                found = m.group(1).strip();
            }
        }
        return found;
    }

    /** The page's exception as thrown: Playwright reports it as Error("TypeError: msg\n    at ...") with its own frames appended. */
    private static HubException scriptError(String message, String stack, Map<String, Object> data, PlaywrightException e) {
        String first = firstLine(message);
        Matcher thrown = THROWN.matcher(first);
        String jsName = thrown.matches() ? thrown.group(1) : "Error";
        String jsMessage = thrown.matches() ? thrown.group(2) : first;
        StringBuilder pageStack = new StringBuilder();
        for (String line : (stack.isEmpty() ? message : stack).split("\n")) {
            if (line.contains("UtilityScript") || line.contains("coreBundle.js") || line.contains("/driver/")
                    || line.contains("browserhub-evaluate")) {
                break;
            }
            pageStack.append(pageStack.isEmpty() ? "" : "\n").append(line.startsWith("Error: " + jsName) ? line.substring(7) : line);
        }
        data.put("name", jsName);
        data.put("message", jsMessage);
        data.put("stack", pageStack.toString());
        return new HubException(ErrorCode.SCRIPT_ERROR, "The page's JavaScript threw " + jsName + ": " + jsMessage, data, e);
    }

    /** Refs from page.snapshot go stale when the page changes; say how to get fresh ones. */
    private static String refHint(Params p) {
        return p.string("selector", "").startsWith("aria-ref=") ? "; refs last only until the page changes, so take a new page.snapshot" : "";
    }

    private static boolean isSelectorSyntax(String message) {
        return message.contains("InvalidSelectorError") || message.contains("Unexpected token") || message.contains("Failed to parse selector")
                || message.contains("Unknown engine") || message.contains("is not a valid selector")
                || message.contains("Invalid selector") || message.contains("is not a valid XPath expression");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
