package io.browserhub.command;

import static io.browserhub.command.ParamSpec.opt;

import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaSnapshotMode;
import com.microsoft.playwright.options.ConsoleMessagesFilter;
import com.microsoft.playwright.options.ScreenshotType;
import io.browserhub.browser.ImageSize;
import io.browserhub.data.files.FileKind;
import io.browserhub.data.files.SessionFiles;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.files.PrivateFiles;
import io.browserhub.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The page.* methods that only look: url, title, content, text, ARIA snapshot, screenshot. Open to every client. */
@ApplicationScoped
public class PageReading implements CommandFamily {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final ParamSpec SCOPE = opt("selector", ParamType.SELECTOR, "Only this element (default: the whole page).");

    private final SessionRegistry sessions;

    public PageReading(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public void register(MethodTable.Builder t) {
        t.page("page.url", Access.READ, "The tab's URL.", "{url}", (live, p) -> Map.of("url", live.page(p.tab()).url()));
        t.page("page.title", Access.READ, "The tab's document title.", "{title}", (live, p) -> Map.of("title", live.page(p.tab()).title()));
        t.waiting("page.content", Access.READ, "HTML of the page, or the outer HTML of one element.", "{html}",
                (live, p) -> {
                    Page page = live.page(p.tab());
                    String html = p.has("selector")
                            ? (String) scope(page, p).evaluate("e => e.outerHTML", null, new Locator.EvaluateOptions().setTimeout(p.timeoutMs()))
                            : page.content();
                    return Map.of("html", html);
                }, SCOPE);
        t.waiting("page.text", Access.READ, "The rendered text (innerText) of the page or one element.", "{text}",
                (live, p) -> {
                    Page page = live.page(p.tab());
                    Locator target = p.has("selector") ? scope(page, p) : page.locator("body");
                    return Map.of("text", target.innerText(new Locator.InnerTextOptions().setTimeout(p.timeoutMs())));
                }, SCOPE);
        t.waiting("page.snapshot", Access.READ,
                "ARIA snapshot (YAML) of the page or an element. Each element has a ref, [ref=e5] (inside frames [ref=f1e5]): "
                        + "use it as the selector aria-ref=e5 until the page changes. Also the tab's URL and title, so one call "
                        + "tells an agent where it is.",
                "{snapshot, url, title, tab, truncated, totalChars}",
                (live, p) -> {
                    Integer maxChars = p.integerOrNull("maxChars");
                    if (maxChars != null && maxChars < 1) {
                        throw HubException.invalidParams("maxChars must be a positive number of characters, not " + maxChars + ".");
                    }
                    Integer depth = p.integerOrNull("depth");
                    if (depth != null && depth < 0) {
                        throw HubException.invalidParams("depth must be 0 or more levels, not " + depth + ".");
                    }
                    Page page = live.page(p.tab());
                    String snapshot = p.has("selector")
                            ? scope(page, p).ariaSnapshot(withDepth(new Locator.AriaSnapshotOptions(), depth)
                                    .setMode(AriaSnapshotMode.AI).setTimeout(p.timeoutMs()))
                            : page.ariaSnapshot(withDepth(new Page.AriaSnapshotOptions(), depth)
                                    .setMode(AriaSnapshotMode.AI).setTimeout(p.timeoutMs()));
                    String kept = maxChars == null ? snapshot : SnapshotBudget.cut(snapshot, maxChars);
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("snapshot", kept);
                    result.put("url", page.url());
                    result.put("title", page.title());
                    result.put("tab", live.tabId(page));
                    result.put("truncated", kept.length() < snapshot.length());
                    result.put("totalChars", snapshot.length());
                    return result;
                },
                SCOPE,
                opt("maxChars", ParamType.INTEGER, "At most this many characters of snapshot, cut at a line end "
                        + "(truncated: true then); ask again with a selector or depth for the rest."),
                opt("depth", ParamType.INTEGER, "Only this many levels of the tree below the page or element."));
        t.waiting("page.screenshot", Access.READ,
                "Screenshot of the viewport, the full page or an element; returned as base64 and saved under the session's screenshots/.",
                "{data, mimeType, width, height, path, url}",
                (live, p) -> {
                    String format = p.choice("format", "png", List.of("png", "jpeg"));
                    Integer quality = p.integerOrNull("quality");
                    if (quality != null && format.equals("png")) {
                        throw HubException.invalidParams("quality only applies to format \"jpeg\".");
                    }
                    Page page = live.page(p.tab());
                    byte[] image = capture(page, p, format, quality);
                    Path file = save(live.id(), live.tabId(page), format, image);
                    ImageSize size = ImageSize.of(image);
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("data", Base64.getEncoder().encodeToString(image));
                    result.put("mimeType", "image/" + format);
                    result.put("width", size.width());
                    result.put("height", size.height());
                    result.put("path", file.toString());
                    // the same file over HTTP, for a client that does not share the hub's disk
                    result.put("url", SessionFiles.url(live.id(), FileKind.SCREENSHOT, file.getFileName().toString()));
                    return result;
                },
                opt("fullPage", ParamType.BOOLEAN, "The whole scrollable page instead of the viewport."),
                opt("format", ParamType.STRING, "png (default) or jpeg."),
                opt("quality", ParamType.INTEGER, "JPEG quality 0..100.").range(0, 100),
                SCOPE);
        t.sessionWide("page.consoleMessages", Access.READ,
                "The tab's recent console messages (Playwright keeps the last 200) and uncaught page errors.",
                "{messages: [{type, text, location}], errors: [text]}",
                (live, p) -> {
                    int worst = ConsoleLevels.rank(p.choice("level", "debug", ConsoleLevels.NAMES));
                    ConsoleMessagesFilter filter = p.bool("all", false) ? ConsoleMessagesFilter.ALL : ConsoleMessagesFilter.SINCE_NAVIGATION;
                    Page page = live.page(p.tab());
                    List<Map<String, Object>> messages = new ArrayList<>();
                    for (ConsoleMessage m : page.consoleMessages(new Page.ConsoleMessagesOptions().setFilter(filter))) {
                        if (ConsoleLevels.rankOf(m.type()) <= worst) {
                            Map<String, Object> message = new LinkedHashMap<>();
                            message.put("type", m.type());
                            message.put("text", m.text());
                            message.put("location", m.location());
                            messages.add(message);
                        }
                    }
                    return Map.of("messages", messages, "errors", page.pageErrors());
                },
                opt("level", ParamType.STRING, "error, warning, info or debug (default): that level and the more severe ones."),
                opt("all", ParamType.BOOLEAN, "Also the messages from before the last navigation (default false)."));
        t.sessionWide("page.requests", Access.READ,
                "The tab's recent network requests (Playwright keeps the last 100), oldest first, with their responses so far.",
                "{requests: [{method, url, resourceType, status, statusText, failure}]}",
                (live, p) -> {
                    List<Map<String, Object>> requests = new ArrayList<>();
                    for (Request r : live.page(p.tab()).requests()) {
                        Response response = r.existingResponse();
                        Map<String, Object> request = new LinkedHashMap<>();
                        request.put("method", r.method());
                        request.put("url", r.url());
                        request.put("resourceType", r.resourceType());
                        request.put("status", response == null ? null : response.status());
                        request.put("statusText", response == null ? null : response.statusText());
                        request.put("failure", r.failure());
                        requests.add(request);
                    }
                    return Map.of("requests", requests);
                });
    }

    private static Page.AriaSnapshotOptions withDepth(Page.AriaSnapshotOptions options, Integer depth) {
        return depth == null ? options : options.setDepth(depth);
    }

    private static Locator.AriaSnapshotOptions withDepth(Locator.AriaSnapshotOptions options, Integer depth) {
        return depth == null ? options : options.setDepth(depth);
    }

    private static Locator scope(Page page, Params p) {
        return page.locator(p.string("selector"));
    }

    static byte[] capture(Page page, Params p, String format, Integer quality) {
        ScreenshotType type = format.equals("jpeg") ? ScreenshotType.JPEG : ScreenshotType.PNG;
        if (p.has("selector")) {
            Locator.ScreenshotOptions options = new Locator.ScreenshotOptions().setType(type).setTimeout(p.timeoutMs());
            if (quality != null) {
                options.setQuality(quality);
            }
            return scope(page, p).screenshot(options);
        }
        Page.ScreenshotOptions options = new Page.ScreenshotOptions().setType(type).setFullPage(p.bool("fullPage", false))
                .setTimeout(p.timeoutMs());
        if (quality != null) {
            options.setQuality(quality);
        }
        return page.screenshot(options);
    }

    private Path save(String sessionId, String tab, String format, byte[] image) {
        Path dir = sessions.require(sessionId).paths().screenshots();
        Path file = dir.resolve(FILE_TIME.format(Instant.now()) + "-" + tab + "." + (format.equals("jpeg") ? "jpg" : "png"));
        try {
            PrivateFiles.write(file, image);
        } catch (IOException e) {
            throw new HubException(ErrorCode.INTERNAL_ERROR, "Cannot save the screenshot to " + file + ": " + e.getMessage());
        }
        return file;
    }
}
