package io.browserhub.command;

import io.browserhub.browser.CookieStoreFlush;
import io.browserhub.config.HubConfig;
import io.browserhub.session.LiveSession;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * After a navigation command, the cookies it set are written to the profile before the command answers
 * (browserhub.session.flush-cookies-after-navigation): an agent that logged in and then sees the hub killed keeps
 * its login. Chromium alone commits cookies in batches, later; the flush costs about 42 ms per navigation
 * (docs/security.md, "Cookies and a hard kill").
 */
@ApplicationScoped
public class CookieDurability {

    private final boolean enabled;

    public CookieDurability(HubConfig config) {
        this.enabled = config.session().flushCookiesAfterNavigation();
    }

    /** On the actor thread, after cookies.set or cookies.clear: a login put in by hand is as durable as one by navigation. */
    public void afterCookieCommand(LiveSession live) {
        afterNavigation(live);
    }

    /** On the actor thread, after the navigation finished. */
    void afterNavigation(LiveSession live) {
        if (enabled) {
            CookieStoreFlush.flush(live.context());
        }
    }
}
