package io.browserhub.command;

import static io.browserhub.command.ParamSpec.opt;
import static io.browserhub.command.ParamSpec.req;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.KeyboardModifier;
import com.microsoft.playwright.options.MouseButton;
import com.microsoft.playwright.options.WaitUntilState;
import io.browserhub.error.HubException;
import io.browserhub.files.FileRoots;
import io.browserhub.files.Uploads;
import io.browserhub.security.EvaluateResultLimit;
import io.browserhub.session.Dialogs;
import io.browserhub.session.Later;
import io.browserhub.session.Viewport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/** The page.* methods that change a page: navigation, clicks, typing, forms, scripts, dialogs, waits. */
@ApplicationScoped
public class PageActions implements CommandFamily {

    private static final Map<String, Object> DONE = Map.of();
    private static final ParamSpec SELECTOR = req("selector", ParamType.SELECTOR,
            "Playwright selector: CSS, text=, role=, xpath=, or a ref from page.snapshot as aria-ref=e5 (aria-ref=f1e5 inside a frame).");
    private static final ParamSpec WAIT_UNTIL = opt("waitUntil", ParamType.STRING, "load (default), domcontentloaded, networkidle or commit.");
    private static final List<String> MODIFIERS = List.of("Alt", "Control", "ControlOrMeta", "Meta", "Shift");

    @Inject
    EvaluateResultLimit evaluateResultLimit;

    @Inject
    FileRoots fileRoots;

    @Inject
    Uploads uploads;

    @Inject
    CookieDurability cookies;

    @Override
    public void register(MethodTable.Builder t) {
        t.waiting("page.goto", Access.DRIVE, "Loads a URL in the tab.", "{url, status, title}",
                (live, p) -> {
                    Page page = live.page(p.tab());
                    long started = System.nanoTime();
                    Response response = Navigation.go(live, page, p.string("url"), fileRoots, "commit", p.timeoutMs());
                    return Waits.loaded(page, waitUntil(p), p.timeoutMs(), started, () -> {
                        cookies.afterNavigation(live);
                        Map<String, Object> result = new LinkedHashMap<>();
                        result.put("url", page.url());
                        result.put("status", response == null ? null : response.status());
                        result.put("title", page.title());
                        return result;
                    });
                },
                req("url", ParamType.STRING, "Absolute URL (http, https, file, data or about)."), WAIT_UNTIL);
        t.waiting("page.back", Access.DRIVE, "Goes back in the tab's history.", "{url, title}",
                (live, p) -> history(live, p, (page, options) -> page.goBack(new Page.GoBackOptions()
                        .setWaitUntil(options.waitUntil()).setTimeout(options.timeout()))), WAIT_UNTIL);
        t.waiting("page.forward", Access.DRIVE, "Goes forward in the tab's history.", "{url, title}",
                (live, p) -> history(live, p, (page, options) -> page.goForward(new Page.GoForwardOptions()
                        .setWaitUntil(options.waitUntil()).setTimeout(options.timeout()))), WAIT_UNTIL);
        t.waiting("page.reload", Access.DRIVE, "Reloads the tab.", "{url, title}",
                (live, p) -> history(live, p, (page, options) -> page.reload(new Page.ReloadOptions()
                        .setWaitUntil(options.waitUntil()).setTimeout(options.timeout()))), WAIT_UNTIL);

        t.waiting("page.click", Access.DRIVE, "Clicks the element, after waiting for it to be visible, stable and enabled.", "{}",
                (live, p) -> {
                    Locator.ClickOptions options = new Locator.ClickOptions().setTimeout(p.timeoutMs())
                            .setButton(button(p.choice("button", "left", List.of("left", "right", "middle"))))
                            .setClickCount(p.integer("clickCount", 1));
                    if (p.has("modifiers")) {
                        options.setModifiers(modifiers(p.strings("modifiers")));
                    }
                    return act(live, p, false, (locator, left) -> SelfClosingInput.deliver(live.context(), locator.page(),
                            SelfClosingInput.CLICK_PERFORMED, () -> locator.click(options.setTimeout(left))));
                },
                SELECTOR, opt("button", ParamType.STRING, "left (default), right or middle."),
                opt("clickCount", ParamType.INTEGER, "2 for a double click.").range(1, 10),
                opt("modifiers", ParamType.STRING_ARRAY, "Keys held during the click: Alt, Control, ControlOrMeta, Meta, Shift."));
        t.waiting("page.fill", Access.DRIVE, "Replaces the value of an input, textarea or contenteditable.", "{}",
                (live, p) -> act(live, p, false, (locator, left) ->
                        locator.fill(p.string("value"), new Locator.FillOptions().setTimeout(left))),
                SELECTOR, req("value", ParamType.STRING, "The new value."));
        t.waiting("page.type", Access.DRIVE, "Types text key by key, into the element or else the focused element.", "{}",
                (live, p) -> {
                    double delay = p.integer("delayMs", 0);
                    if (p.has("selector")) {
                        return act(live, p, false, (locator, left) -> locator.pressSequentially(p.string("text"),
                                new Locator.PressSequentiallyOptions().setDelay(delay).setTimeout(left)));
                    } else {
                        live.page(p.tab()).keyboard().type(p.string("text"), new com.microsoft.playwright.Keyboard.TypeOptions().setDelay(delay));
                    }
                    return DONE;
                },
                opt("selector", ParamType.SELECTOR, "Element to type into; default: the focused element."),
                req("text", ParamType.STRING, "Text to type."), opt("delayMs", ParamType.INTEGER, "Pause between keys.").range(0, 10_000));
        t.waiting("page.press", Access.DRIVE, "Presses a key or chord such as \"Enter\" or \"Control+A\".", "{}",
                (live, p) -> {
                    if (p.has("selector")) {
                        return act(live, p, false, (locator, left) -> SelfClosingInput.deliver(live.context(), locator.page(),
                                SelfClosingInput.PRESS_PERFORMED, () -> locator.press(p.string("key"), new Locator.PressOptions().setTimeout(left))));
                    } else {
                        Page page = live.page(p.tab());
                        SelfClosingInput.deliver(live.context(), page, null, () -> page.keyboard().press(p.string("key")));
                    }
                    return DONE;
                },
                opt("selector", ParamType.SELECTOR, "Element to focus first; default: the focused element."),
                req("key", ParamType.STRING, "Key name (Enter, Tab, ArrowDown, a, ...) or chord (Control+A)."));
        t.waiting("page.hover", Access.DRIVE, "Moves the mouse over the element.", "{}",
                (live, p) -> act(live, p, false, (locator, left) -> locator.hover(new Locator.HoverOptions().setTimeout(left))),
                SELECTOR);
        t.waiting("page.check", Access.DRIVE, "Checks a checkbox or radio button.", "{}",
                (live, p) -> act(live, p, false, (locator, left) -> locator.check(new Locator.CheckOptions().setTimeout(left))),
                SELECTOR);
        t.waiting("page.uncheck", Access.DRIVE, "Unchecks a checkbox.", "{}",
                (live, p) -> act(live, p, false, (locator, left) -> locator.uncheck(new Locator.UncheckOptions().setTimeout(left))),
                SELECTOR);
        t.waiting("page.selectOption", Access.DRIVE, "Selects options of a <select> by value or label.", "{selected: [values]}",
                (live, p) -> Waits.thenAct(locator(live.page(p.tab()), p), p.timeoutMs(), false, (l, ok, left) -> Map.of("selected",
                        locator(l.page(p.tab()), p).selectOption(p.strings("values").toArray(String[]::new),
                                new Locator.SelectOptionOptions().setTimeout(left)))),
                SELECTOR, req("values", ParamType.STRING_ARRAY, "Option values or labels to select."));
        t.waiting("page.setInputFiles", Access.DRIVE, "Chooses files for a file input: by content (files), or by path on the"
                        + " hub's machine under the allowed roots (paths).", "{}",
                (live, p) -> {
                    if (p.has("files") == p.has("paths")) {
                        throw HubException.invalidParams("page.setInputFiles takes either files (content) or paths, not "
                                + (p.has("files") ? "both." : "neither."));
                    }
                    // a file input is often hidden: it need only exist
                    if (p.has("files")) {
                        var payloads = uploads.payloads(p.node("files"));
                        return act(live, p, true, (locator, left) -> locator.setInputFiles(payloads, new Locator.SetInputFilesOptions().setTimeout(left)));
                    }
                    Path[] files = p.strings("paths").stream().map(fileRoots::uploadable).toArray(Path[]::new);
                    return act(live, p, true, (locator, left) -> locator.setInputFiles(files, new Locator.SetInputFilesOptions().setTimeout(left)));
                },
                SELECTOR, opt("paths", ParamType.STRING_ARRAY, "Absolute paths of files on the hub's machine, under <data-dir>/uploads"
                        + " or browserhub.files.allowed-roots; [] clears the input."),
                opt("files", ParamType.OBJECT_ARRAY, "Files by content: [{name, mimeType?, data (base64)}], at most"
                        + " browserhub.files.max-upload-size together; [] clears the input."));
        t.waiting("page.scroll", Access.DRIVE, "Scrolls by a distance with the mouse wheel, or brings an element into view.", "{}",
                (live, p) -> {
                    Page page = live.page(p.tab());
                    if (p.has("selector")) {
                        locator(page, p).scrollIntoViewIfNeeded(new Locator.ScrollIntoViewIfNeededOptions().setTimeout(p.timeoutMs()));
                    }
                    if (p.has("dx") || p.has("dy")) {
                        page.mouse().wheel(p.number("dx", 0), p.number("dy", 0));
                        // wheel scrolling is asynchronous in the page: let it land before answering
                        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
                    }
                    return DONE;
                },
                opt("dx", ParamType.NUMBER, "Horizontal distance in CSS pixels."), opt("dy", ParamType.NUMBER, "Vertical distance in CSS pixels."),
                opt("selector", ParamType.SELECTOR, "Element to scroll into view."));
        t.waiting("page.evaluate", Access.DRIVE, "Runs a JavaScript function in the page with a JSON argument; returns its JSON result (SCRIPT_ERROR if it throws). "
                        + "One still running after timeoutMs counts as a stuck page: TIMEOUT, and the browser restarts.",
                "{value}",
                (live, p) -> {
                    Page page = live.page(p.tab());
                    Object value = p.has("selector")
                            ? DepthCheckedEvaluation.evaluate(locator(page, p), p.string("function"), p.plain("arg"),
                                    evaluateResultLimit.maxDepth(), p.timeoutMs())
                            : DepthCheckedEvaluation.evaluate(live, page, p.string("function"), p.plain("arg"), evaluateResultLimit.maxDepth());
                    live.touched();
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("value", evaluateResultLimit.check(JsValues.plain(value)));
                    return result;
                },
                req("function", ParamType.STRING, "Function source, e.g. \"(arg) => document.title + arg.suffix\"; it may be async."),
                opt("arg", ParamType.ANY, "JSON value passed to the function as its one argument (with selector: its second), "
                        + "never pasted into the source."),
                opt("selector", ParamType.STRING, "An element to pass to the function as its first argument, e.g. "
                        + "\"(element, arg) => element.value\"."));
        t.interrupting("page.handleDialog", Access.DRIVE,
                "Accepts or dismisses the open dialog (alert, confirm, prompt); with none open, answers the next one.",
                "{answered, type?, message?, armed?}",
                (live, p) -> live.answerDialog(new Dialogs.Answer(p.bool("accept", true), p.string("promptText", null))),
                req("accept", ParamType.BOOLEAN, "true to accept (OK), false to dismiss (Cancel)."),
                opt("promptText", ParamType.STRING, "Text to enter into a prompt() before accepting."));
        t.waiting("page.waitFor", Access.DRIVE, "Waits for an element state, a text to show or go, a load state or a URL.", "{}",
                (live, p) -> Waits.forParams(live.page(p.tab()), p),
                opt("selector", ParamType.SELECTOR, "Element to wait for."),
                opt("text", ParamType.STRING, "Text to wait for (case-insensitive, part of an element's text), like Playwright's getByText."),
                opt("state", ParamType.STRING, "For selector or text: visible (default), hidden, attached or detached."),
                opt("loadState", ParamType.STRING, "load, domcontentloaded or networkidle."),
                opt("urlPattern", ParamType.STRING, "Glob (\"**/done\") or /regular expression/ the URL must match."));
        t.page("page.setViewport", Access.DRIVE, "Resizes the tab's viewport.", "{}",
                (live, p) -> {
                    Viewport v = new Viewport(p.integer("width"), p.integer("height"));
                    live.page(p.tab()).setViewportSize(v.width(), v.height());
                    return DONE;
                },
                req("width", ParamType.INTEGER, "CSS pixels.").range(Viewport.MIN, Viewport.MAX_WIDTH),
                req("height", ParamType.INTEGER, "CSS pixels.").range(Viewport.MIN, Viewport.MAX_HEIGHT));
    }

    static Locator locator(Page page, Params p) {
        return page.locator(p.string("selector"));
    }

    /** An action on the element of {@code selector}, done once the element is there (a {@link Later} until then). */
    @FunctionalInterface
    private interface ElementAction {
        void run(Locator locator, double remainingMs);
    }

    /**
     * Waits for the element (visible, or only there with {@code attachedOnly}) as a {@link Later}, so that the wait
     * lets other tabs' commands run; then does the action with the time left, as Playwright would.
     */
    private static Later<Map<String, Object>> act(io.browserhub.session.LiveSession live, Params p, boolean attachedOnly, ElementAction action) {
        Locator locator = locator(live.page(p.tab()), p);
        return Waits.thenAct(locator, p.timeoutMs(), attachedOnly, (l, ok, left) -> {
            action.run(locator, left);
            return DONE;
        });
    }

    private static String waitUntil(Params p) {
        return p.choice("waitUntil", "load", Navigation.WAIT_UNTIL);
    }

    /** How a history navigation is asked for: commit only, within the command's timeout. */
    private record HistoryOptions(WaitUntilState waitUntil, double timeout) {
    }

    /** Back, forward or reload: waits for the commit, then for the load state as a {@link Later}. */
    private Later<Map<String, Object>> history(io.browserhub.session.LiveSession live, Params p, BiConsumer<Page, HistoryOptions> go) {
        Page page = live.page(p.tab());
        long started = System.nanoTime();
        go.accept(page, new HistoryOptions(WaitUntilState.COMMIT, p.timeoutMs()));
        return Waits.loaded(page, waitUntil(p), p.timeoutMs(), started, () -> {
            cookies.afterNavigation(live);
            return Map.of("url", page.url(), "title", page.title());
        });
    }

    private static MouseButton button(String name) {
        return MouseButton.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static List<KeyboardModifier> modifiers(List<String> names) {
        return names.stream().map(name -> {
            if (!MODIFIERS.contains(name)) {
                throw HubException.invalidParams("Unknown modifier \"" + name + "\"; use " + MODIFIERS + ".");
            }
            return KeyboardModifier.valueOf(name.toUpperCase(Locale.ROOT));
        }).toList();
    }

}
