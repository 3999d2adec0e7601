package io.browserhub.grid;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import io.browserhub.backend.LaunchSettings;
import org.jboss.logging.Logger;

/**
 * What a persistent context gets from its launch options and the default context of a browser reached over CDP does
 * not: the viewport, the time zone and the locale, applied to every page as it opens. Actor thread.
 */
final class PageEmulation {

    private static final Logger LOG = Logger.getLogger(PageEmulation.class);

    private final BrowserContext context;
    private final LaunchSettings settings;

    private PageEmulation(BrowserContext context, LaunchSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    /** Emulates on the pages open now and on every page opened later (registered before the session's own listeners). */
    static void apply(BrowserContext context, LaunchSettings settings) {
        PageEmulation emulation = new PageEmulation(context, settings);
        context.onPage(emulation::emulate);
        for (Page page : context.pages()) {
            emulation.emulate(page);
        }
    }

    private void emulate(Page page) {
        try {
            page.setViewportSize(settings.viewportWidth(), settings.viewportHeight());
            if (settings.timezoneId() != null || settings.locale() != null) {
                // overrides last while their CDP session stays attached: it is never detached, it ends with the page
                CDPSession cdp = context.newCDPSession(page);
                if (settings.timezoneId() != null) {
                    JsonObject params = new JsonObject();
                    params.addProperty("timezoneId", settings.timezoneId());
                    cdp.send("Emulation.setTimezoneOverride", params);
                }
                if (settings.locale() != null) {
                    JsonObject params = new JsonObject();
                    params.addProperty("locale", settings.locale());
                    cdp.send("Emulation.setLocaleOverride", params);
                }
            }
        } catch (PlaywrightException e) {
            // a page that closed at once needs no viewport
            LOG.debugf("Session %s: emulating on a new page: %s", settings.sessionId(), e.getMessage());
        }
    }
}
