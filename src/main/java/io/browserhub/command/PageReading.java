package io.browserhub.command;

import static io.browserhub.command.ParamSpec.opt;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaSnapshotMode;
import com.microsoft.playwright.options.ScreenshotType;
import io.browserhub.browser.ImageSize;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
                        + "use it as the selector aria-ref=e5 until the page changes.", "{snapshot}",
                (live, p) -> {
                    Page page = live.page(p.tab());
                    String snapshot = p.has("selector")
                            ? scope(page, p).ariaSnapshot(new Locator.AriaSnapshotOptions().setMode(AriaSnapshotMode.AI).setTimeout(p.timeoutMs()))
                            : page.ariaSnapshot(new Page.AriaSnapshotOptions().setMode(AriaSnapshotMode.AI).setTimeout(p.timeoutMs()));
                    return Map.of("snapshot", snapshot);
                }, SCOPE);
        t.waiting("page.screenshot", Access.READ,
                "Screenshot of the viewport, the full page or an element; returned as base64 and saved under the session's screenshots/.",
                "{data, mimeType, width, height, path}",
                (live, p) -> {
                    String format = p.choice("format", "png", List.of("png", "jpeg"));
                    Integer quality = p.integerOrNull("quality");
                    if (quality != null && (quality < 0 || quality > 100 || format.equals("png"))) {
                        throw HubException.invalidParams("quality is 0..100 and only applies to format \"jpeg\".");
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
                    return result;
                },
                opt("fullPage", ParamType.BOOLEAN, "The whole scrollable page instead of the viewport."),
                opt("format", ParamType.STRING, "png (default) or jpeg."),
                opt("quality", ParamType.INTEGER, "JPEG quality 0..100."),
                SCOPE);
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
            Files.createDirectories(dir);
            Files.write(file, image);
        } catch (IOException e) {
            throw new HubException(ErrorCode.INTERNAL_ERROR, "Cannot save the screenshot to " + file + ": " + e.getMessage());
        }
        return file;
    }
}
