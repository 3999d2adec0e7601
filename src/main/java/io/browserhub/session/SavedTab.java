package io.browserhub.session;

/** A tab as remembered in session.json, to reopen it when the session starts again. */
public record SavedTab(String url, String title, boolean active) {
}
