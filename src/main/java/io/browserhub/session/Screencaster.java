package io.browserhub.session;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import io.browserhub.browser.ImageSize;
import io.browserhub.browser.PlaywrightMessage;
import io.browserhub.observability.LogText;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * Chromium's CDP screencast of one tab (the active one unless a tab was named). Frames arrive as CDP events
 * on the actor thread, during whatever Playwright call is running, so they keep flowing during long commands.
 * Each frame is acknowledged at once: Chromium sends the next one only after the ack.
 */
final class Screencaster {

    private static final Logger LOG = Logger.getLogger(Screencaster.class);

    private final BrowserContext context;
    private ScreencastSettings settings;
    private FrameListener listener;
    private String fixedTab;
    private CDPSession cdp;
    private Page page;
    private String tab;

    Screencaster(BrowserContext context) {
        this.context = context;
    }

    boolean running() {
        return listener != null;
    }

    /** Starts (or retargets) the screencast; {@code fixedTab} null means: follow the active tab. */
    void start(Page target, String targetTab, String fixedTab, ScreencastSettings settings, FrameListener listener) {
        stopCdp();
        this.settings = settings;
        this.listener = listener;
        this.fixedTab = fixedTab;
        try {
            attach(target, targetTab);
        } catch (PlaywrightException e) {
            // the caller hears why; nothing is left half started
            this.listener = null;
            throw e;
        }
    }

    /**
     * Called after tab changes: a screencast that follows the active tab moves with it. A tab that cannot be cast
     * (it closed meanwhile, or the person's browser stopped sharing it) shows nothing; the cast moves on with the next
     * active tab. Never throws: this runs between commands, where a failure would end the session's browser.
     */
    void activeTabIs(Page active, String activeTab) {
        if (listener != null && fixedTab == null && active != null && active != page) {
            stopCdp();
            try {
                attach(active, activeTab);
            } catch (PlaywrightException e) {
                LOG.debugf("The screencast cannot show tab %s: %s", activeTab, LogText.escape(PlaywrightMessage.of(e).firstLine()));
            }
        }
    }

    /** A closed tab that was being cast: follow the active one, or end a fixed-tab cast. */
    void tabClosed(Page closed) {
        if (listener != null && closed == page) {
            cdp = null;
            page = null;
            if (fixedTab != null) {
                end("the tab closed");
            }
        }
    }

    void stop() {
        stopCdp();
        listener = null;
    }

    void end(String reason) {
        FrameListener l = listener;
        stop();
        if (l != null) {
            l.ended(reason);
        }
    }

    /** Casts the tab; on failure no CDP session is kept, and {@link #page} stays the tab tried, so it is not tried again. */
    private void attach(Page target, String targetTab) {
        page = target;
        tab = targetTab;
        CDPSession own = context.newCDPSession(target);
        cdp = own;
        own.on("Page.screencastFrame", event -> onFrame(own, event));
        try {
            own.send("Page.startScreencast", settings.startParams());
        } catch (PlaywrightException e) {
            cdp = null;
            try {
                own.detach();
            } catch (PlaywrightException gone) {
                // the tab went away with its session
            }
            throw e;
        }
    }

    private void onFrame(CDPSession source, JsonObject event) {
        JsonObject ack = new JsonObject();
        ack.addProperty("sessionId", event.get("sessionId").getAsInt());
        try {
            source.send("Page.screencastFrameAck", ack);
        } catch (PlaywrightException e) {
            LOG.debugf("Screencast ack failed: %s", LogText.escape(e.getMessage()));
            return;
        }
        if (source != cdp || listener == null) {
            return;
        }
        byte[] image = Base64.getDecoder().decode(event.get("data").getAsString());
        JsonObject metadata = event.getAsJsonObject("metadata");
        long capturedAt = metadata.has("timestamp") ? (long) (metadata.get("timestamp").getAsDouble() * 1000) : System.currentTimeMillis();
        ImageSize size = ImageSize.of(image);
        listener.frame(new Frame(tab, image, settings.format(), size.width(), size.height(), capturedAt));
    }

    private void stopCdp() {
        if (cdp == null) {
            return;
        }
        CDPSession old = cdp;
        cdp = null;
        try {
            old.send("Page.stopScreencast");
            old.detach();
        } catch (PlaywrightException e) {
            LOG.debugf("Stopping the screencast: %s", LogText.escape(e.getMessage()));
        }
    }
}
