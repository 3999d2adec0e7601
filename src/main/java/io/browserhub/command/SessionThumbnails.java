package io.browserhub.command;

import static io.browserhub.command.ParamSpec.opt;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.ScreenshotType;
import io.browserhub.browser.ImageSize;
import io.browserhub.error.HubException;
import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * session.thumbnail: a small, cheap picture of what a running session shows, for overviews that glance at every
 * session every few seconds. Unlike page.screenshot it never starts a stopped browser, does not count as activity
 * (an overview left open must not keep idle browsers alive), saves no file and is kept out of the activity log.
 */
@ApplicationScoped
public class SessionThumbnails implements CommandFamily {

    private static final double CAPTURE_TIMEOUT_MS = 5_000;

    private final SessionRegistry sessions;

    public SessionThumbnails(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public void register(MethodTable.Builder t) {
        t.hub("session.thumbnail", Access.READ, "A low-quality JPEG of the session's active tab if its browser runs; never starts"
                        + " one, and does not count as activity or appear in the activity log.",
                "{running, tab?, data?, mimeType?, width?, height?}",
                call -> {
                    Session session = sessions.require(call.params().string("session"));
                    int quality = call.params().integer("quality", 40);
                    if (quality < 0 || quality > 100) {
                        throw HubException.invalidParams("quality must be 0..100, not " + quality + ".");
                    }
                    return session.ifRunning(live -> {
                        Page page = live.page(null);
                        Map<String, Object> result = new LinkedHashMap<>();
                        result.put("running", true);
                        result.put("tab", live.tabId(page));
                        byte[] jpeg;
                        try {
                            jpeg = page.screenshot(new Page.ScreenshotOptions().setType(ScreenshotType.JPEG)
                                    .setQuality(quality).setTimeout(CAPTURE_TIMEOUT_MS));
                        } catch (PlaywrightException busy) {
                            // a page stuck in a script or a dialog: no picture this time, and nothing an overview must report
                            return (Object) result;
                        }
                        ImageSize size = ImageSize.of(jpeg);
                        result.put("data", Base64.getEncoder().encodeToString(jpeg));
                        result.put("mimeType", "image/jpeg");
                        result.put("width", size.width());
                        result.put("height", size.height());
                        return (Object) result;
                    }).orElseGet(() -> CompletableFuture.completedFuture(Map.of("running", false)));
                },
                ParamSpec.SESSION, opt("quality", ParamType.INTEGER, "JPEG quality 0..100 (default 40)."));
    }
}
