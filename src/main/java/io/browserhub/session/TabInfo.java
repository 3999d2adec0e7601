package io.browserhub.session;

/** One tab as clients see it. */
public record TabInfo(String id, String url, String title, boolean active) {

    /** How the URL of Chromium's own error page (chrome-error://chromewebdata/), shown for a load that failed, begins. */
    public static final String ERROR_PAGE = "chrome-error://";
}
