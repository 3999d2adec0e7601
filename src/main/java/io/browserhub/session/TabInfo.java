package io.browserhub.session;

/** One tab as clients see it. */
public record TabInfo(String id, String url, String title, boolean active) {
}
