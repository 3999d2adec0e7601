package io.browserhub.command;

import static io.browserhub.command.ParamSpec.opt;
import static io.browserhub.command.ParamSpec.req;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.KeyboardModifier;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.MouseButton;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.browserhub.error.HubException;
import io.browserhub.security.EvaluateResultLimit;
import io.browserhub.session.Dialogs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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

    @Override
    public void register(MethodTable.Builder t) {
        t.waiting("page.goto", Access.DRIVE, "Loads a URL in the tab.", "{url, status, title}",
                (live, p) -> {
                    Page page = live.page(p.tab());
                    Response response = Navigation.go(page, p.string("url"), waitUntil(p), p.timeoutMs());
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("url", page.url());
                    result.put("status", response == null ? null : response.status());
                    result.put("title", page.title());
                    return result;
                },
                req("url", ParamType.STRING, "Absolute URL (http, https, file, data or about)."), WAIT_UNTIL);
        t.waiting("page.back", Access.DRIVE, "Goes back in the tab's history.", "{url, title}",
                (live, p) -> urlAndTitle(live.page(p.tab()), page -> page.goBack(new Page.GoBackOptions()
                        .setWaitUntil(Navigation.waitUntil(waitUntil(p))).setTimeout(p.timeoutMs()))), WAIT_UNTIL);
        t.waiting("page.forward", Access.DRIVE, "Goes forward in the tab's history.", "{url, title}",
                (live, p) -> urlAndTitle(live.page(p.tab()), page -> page.goForward(new Page.GoForwardOptions()
                        .setWaitUntil(Navigation.waitUntil(waitUntil(p))).setTimeout(p.timeoutMs()))), WAIT_UNTIL);
        t.waiting("page.reload", Access.DRIVE, "Reloads the tab.", "{url, title}",
                (live, p) -> urlAndTitle(live.page(p.tab()), page -> page.reload(new Page.ReloadOptions()
                        .setWaitUntil(Navigation.waitUntil(waitUntil(p))).setTimeout(p.timeoutMs()))), WAIT_UNTIL);

        t.waiting("page.click", Access.DRIVE, "Clicks the element, after waiting for it to be visible, stable and enabled.", "{}",
                (live, p) -> {
                    Locator.ClickOptions options = new Locator.ClickOptions().setTimeout(p.timeoutMs())
                            .setButton(button(p.choice("button", "left", List.of("left", "right", "middle"))))
                            .setClickCount(p.integer("clickCount", 1));
                    if (p.has("modifiers")) {
                        options.setModifiers(modifiers(p.strings("modifiers")));
                    }
                    locator(live.page(p.tab()), p).click(options);
                    return DONE;
                },
                SELECTOR, opt("button", ParamType.STRING, "left (default), right or middle."),
                opt("clickCount", ParamType.INTEGER, "2 for a double click."),
                opt("modifiers", ParamType.STRING_ARRAY, "Keys held during the click: Alt, Control, ControlOrMeta, Meta, Shift."));
        t.waiting("page.fill", Access.DRIVE, "Replaces the value of an input, textarea or contenteditable.", "{}",
                (live, p) -> {
                    locator(live.page(p.tab()), p).fill(p.string("value"), new Locator.FillOptions().setTimeout(p.timeoutMs()));
                    return DONE;
                },
                SELECTOR, req("value", ParamType.STRING, "The new value."));
        t.waiting("page.type", Access.DRIVE, "Types text key by key, into the element or else the focused element.", "{}",
                (live, p) -> {
                    double delay = p.integer("delayMs", 0);
                    if (p.has("selector")) {
                        locator(live.page(p.tab()), p).pressSequentially(p.string("text"),
                                new Locator.PressSequentiallyOptions().setDelay(delay).setTimeout(p.timeoutMs()));
                    } else {
                        live.page(p.tab()).keyboard().type(p.string("text"), new com.microsoft.playwright.Keyboard.TypeOptions().setDelay(delay));
                    }
                    return DONE;
                },
                opt("selector", ParamType.SELECTOR, "Element to type into; default: the focused element."),
                req("text", ParamType.STRING, "Text to type."), opt("delayMs", ParamType.INTEGER, "Pause between keys."));
        t.waiting("page.press", Access.DRIVE, "Presses a key or chord such as \"Enter\" or \"Control+A\".", "{}",
                (live, p) -> {
                    if (p.has("selector")) {
                        locator(live.page(p.tab()), p).press(p.string("key"), new Locator.PressOptions().setTimeout(p.timeoutMs()));
                    } else {
                        live.page(p.tab()).keyboard().press(p.string("key"));
                    }
                    return DONE;
                },
                opt("selector", ParamType.SELECTOR, "Element to focus first; default: the focused element."),
                req("key", ParamType.STRING, "Key name (Enter, Tab, ArrowDown, a, ...) or chord (Control+A)."));
        t.waiting("page.hover", Access.DRIVE, "Moves the mouse over the element.", "{}",
                (live, p) -> {
                    locator(live.page(p.tab()), p).hover(new Locator.HoverOptions().setTimeout(p.timeoutMs()));
                    return DONE;
                }, SELECTOR);
        t.waiting("page.check", Access.DRIVE, "Checks a checkbox or radio button.", "{}",
                (live, p) -> {
                    locator(live.page(p.tab()), p).check(new Locator.CheckOptions().setTimeout(p.timeoutMs()));
                    return DONE;
                }, SELECTOR);
        t.waiting("page.uncheck", Access.DRIVE, "Unchecks a checkbox.", "{}",
                (live, p) -> {
                    locator(live.page(p.tab()), p).uncheck(new Locator.UncheckOptions().setTimeout(p.timeoutMs()));
                    return DONE;
                }, SELECTOR);
        t.waiting("page.selectOption", Access.DRIVE, "Selects options of a <select> by value or label.", "{selected: [values]}",
                (live, p) -> Map.of("selected", locator(live.page(p.tab()), p).selectOption(
                        p.strings("values").toArray(String[]::new), new Locator.SelectOptionOptions().setTimeout(p.timeoutMs()))),
                SELECTOR, req("values", ParamType.STRING_ARRAY, "Option values or labels to select."));
        t.waiting("page.setInputFiles", Access.DRIVE, "Chooses files (paths on the hub's machine) for a file input.", "{}",
                (live, p) -> {
                    Path[] files = p.strings("paths").stream().map(PageActions::existingFile).toArray(Path[]::new);
                    locator(live.page(p.tab()), p).setInputFiles(files, new Locator.SetInputFilesOptions().setTimeout(p.timeoutMs()));
                    return DONE;
                },
                SELECTOR, req("paths", ParamType.STRING_ARRAY, "Absolute paths of files on the hub's machine; [] clears the input."));
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
                    Object value = live.page(p.tab()).evaluate(p.string("function"), p.plain("arg"));
                    live.touched();
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("value", evaluateResultLimit.check(JsValues.plain(value)));
                    return result;
                },
                req("function", ParamType.STRING, "Function source, e.g. \"(arg) => document.title + arg.suffix\"; it may be async."),
                opt("arg", ParamType.ANY, "JSON value passed to the function as its one argument, never pasted into the source."));
        t.interrupting("page.handleDialog", Access.DRIVE,
                "Accepts or dismisses the open dialog (alert, confirm, prompt); with none open, answers the next one.",
                "{answered, type?, message?, armed?}",
                (live, p) -> live.answerDialog(new Dialogs.Answer(p.bool("accept", true), p.string("promptText", null))),
                req("accept", ParamType.BOOLEAN, "true to accept (OK), false to dismiss (Cancel)."),
                opt("promptText", ParamType.STRING, "Text to enter into a prompt() before accepting."));
        t.waiting("page.waitFor", Access.DRIVE, "Waits for an element state, a load state or a URL.", "{}",
                (live, p) -> {
                    waitFor(live.page(p.tab()), p);
                    return DONE;
                },
                opt("selector", ParamType.SELECTOR, "Element to wait for."),
                opt("state", ParamType.STRING, "For selector: visible (default), hidden, attached or detached."),
                opt("loadState", ParamType.STRING, "load, domcontentloaded or networkidle."),
                opt("urlPattern", ParamType.STRING, "Glob (\"**/done\") or /regular expression/ the URL must match."));
        t.page("page.setViewport", Access.DRIVE, "Resizes the tab's viewport.", "{}",
                (live, p) -> {
                    io.browserhub.session.Viewport v = new io.browserhub.session.Viewport(p.integer("width"), p.integer("height"));
                    live.page(p.tab()).setViewportSize(v.width(), v.height());
                    return DONE;
                },
                req("width", ParamType.INTEGER, "CSS pixels."), req("height", ParamType.INTEGER, "CSS pixels."));
    }

    static Locator locator(Page page, Params p) {
        return page.locator(p.string("selector"));
    }

    private static String waitUntil(Params p) {
        return p.choice("waitUntil", "load", Navigation.WAIT_UNTIL);
    }

    private static Map<String, Object> urlAndTitle(Page page, java.util.function.Consumer<Page> action) {
        action.accept(page);
        return Map.of("url", page.url(), "title", page.title());
    }

    private static void waitFor(Page page, Params p) {
        boolean any = false;
        if (p.has("selector")) {
            String state = p.choice("state", "visible", List.of("visible", "hidden", "attached", "detached"));
            page.locator(p.string("selector")).first().waitFor(new Locator.WaitForOptions()
                    .setState(WaitForSelectorState.valueOf(state.toUpperCase(Locale.ROOT))).setTimeout(p.timeoutMs()));
            any = true;
        }
        if (p.has("loadState")) {
            String state = p.choice("loadState", null, List.of("load", "domcontentloaded", "networkidle"));
            page.waitForLoadState(LoadState.valueOf(state.toUpperCase(Locale.ROOT)), new Page.WaitForLoadStateOptions().setTimeout(p.timeoutMs()));
            any = true;
        }
        if (p.has("urlPattern")) {
            String pattern = p.string("urlPattern");
            Page.WaitForURLOptions options = new Page.WaitForURLOptions().setTimeout(p.timeoutMs())
                    .setWaitUntil(com.microsoft.playwright.options.WaitUntilState.COMMIT);
            if (pattern.length() > 2 && pattern.startsWith("/") && pattern.endsWith("/")) {
                page.waitForURL(Pattern.compile(pattern.substring(1, pattern.length() - 1)), options);
            } else {
                page.waitForURL(pattern, options);
            }
            any = true;
        }
        if (!any) {
            throw HubException.invalidParams("page.waitFor needs at least one of selector, loadState or urlPattern.");
        }
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

    private static Path existingFile(String path) {
        Path file = Path.of(path);
        if (!file.isAbsolute() || !Files.isRegularFile(file)) {
            throw HubException.invalidParams("\"" + path + "\" is not an existing file on the hub's machine (give an absolute path).");
        }
        return file;
    }
}
