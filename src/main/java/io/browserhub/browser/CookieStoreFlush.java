package io.browserhub.browser;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;

/**
 * Makes Chromium write its pending cookie changes to the profile now. Chromium keeps cookie changes in memory and
 * commits them to the profile's SQLite store in batches (SQLitePersistentCookieStore: every 30 seconds, or at once
 * when kCommitAfterBatchSize = 512 changes are pending); no DevTools command flushes it. So a hard kill (kill -9,
 * power loss) right after a login loses it (packaged/HardKillIT: 0 of 3 survived). This adds 512 changes of its own: persistent cookies
 * by overwriting one marker cookie on a reserved, never-resolvable domain again and again (each overwrite is a
 * deletion and an addition), then expiring it. The pending batch goes over the threshold and is committed with the
 * real changes in it. Only that one marker ever exists, so no real cookie can be evicted to make room. It relies on
 * Chromium's constant, which packaged/HardKillIT would catch changing.
 */
public final class CookieStoreFlush {

    /** Chromium's kCommitAfterBatchSize. */
    static final int BATCH = 512;
    private static final String DOMAIN = "cookie-flush.browserhub.invalid";

    private CookieStoreFlush() {
    }

    /** Runs on the session's actor thread: one DevTools call, and Chromium's commit on its database thread. */
    public static void flush(BrowserContext context) {
        if (context.pages().isEmpty()) {
            return;
        }
        Page page = context.pages().get(0);
        CDPSession cdp = context.newCDPSession(page);
        try {
            JsonArray cookies = new JsonArray();
            double future = System.currentTimeMillis() / 1000.0 + 3600;
            for (int i = 0; i <= BATCH / 2 + 8; i++) {
                cookies.add(marker(String.valueOf(i), future));
            }
            cookies.add(marker("gone", 1)); // expired: removes the marker, one more change
            JsonObject params = new JsonObject();
            params.add("cookies", cookies);
            cdp.send("Network.setCookies", params);
        } finally {
            cdp.detach();
        }
    }

    private static JsonObject marker(String value, double expires) {
        JsonObject c = new JsonObject();
        c.addProperty("name", "flush");
        c.addProperty("value", value);
        c.addProperty("domain", DOMAIN);
        c.addProperty("path", "/");
        c.addProperty("expires", expires);
        return c;
    }
}
