package io.browserhub.backend;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import java.util.List;

/**
 * Puts a storage state (cookies, localStorage per origin) into a context that is already running. Playwright's
 * storageState option only applies to new contexts, not to a persistent one, and its BrowserContext.setStorageState
 * (Java 1.62) sends the state as a string that the driver refuses; so cookies go in through addCookies, and each
 * origin's localStorage through a page of that origin whose requests never leave the browser.
 */
public final class StorageSeed {

    private static final String SET_ITEMS = "items => { for (const [name, value] of items) localStorage.setItem(name, value); }";

    private StorageSeed() {
    }

    /** Call before the session's own pages are wired up: the helper page is opened and closed again. */
    public static void apply(BrowserContext context, LaunchOptions.StorageState state) {
        if (!state.cookies().isEmpty()) {
            context.addCookies(state.cookies().stream().map(StorageSeed::toPlaywright).toList());
        }
        if (state.origins().isEmpty()) {
            return;
        }
        Page page = context.newPage();
        try {
            // the origin's documents are answered here: nothing reaches the network, and no site script runs
            page.route("**/*", route -> route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/html").setBody("")));
            for (LaunchOptions.Origin origin : state.origins()) {
                if (origin.localStorage().isEmpty()) {
                    continue;
                }
                page.navigate(origin.origin() + "/");
                List<List<String>> items = origin.localStorage().stream().map(i -> List.of(i.name(), i.value())).toList();
                page.evaluate(SET_ITEMS, items);
            }
        } finally {
            page.close();
        }
    }

    public static Cookie toPlaywright(LaunchOptions.Cookie c) {
        Cookie cookie = new Cookie(c.name(), c.value()).setDomain(c.domain()).setPath(c.path() == null ? "/" : c.path());
        if (c.expires() != null) {
            cookie.setExpires(c.expires());
        }
        if (c.httpOnly() != null) {
            cookie.setHttpOnly(c.httpOnly());
        }
        if (c.secure() != null) {
            cookie.setSecure(c.secure());
        }
        if (c.sameSite() != null) {
            cookie.setSameSite(SameSiteAttribute.valueOf(c.sameSite().toUpperCase(java.util.Locale.ROOT)));
        }
        return cookie;
    }

    public static LaunchOptions.Cookie fromPlaywright(Cookie c) {
        String sameSite = c.sameSite == null ? null : switch (c.sameSite) {
            case STRICT -> "Strict";
            case LAX -> "Lax";
            case NONE -> "None";
        };
        return new LaunchOptions.Cookie(c.name, c.value, c.domain, c.path, c.expires, c.httpOnly, c.secure, sameSite);
    }
}
