package io.browserhub.session;

/**
 * A tab as remembered in session.json, to reopen it when the session starts again. {@code hung}: its page got the
 * browser stuck (a script that never returns), so it comes back blank rather than at its URL.
 */
public record SavedTab(String url, String title, boolean active, boolean hung) {

    public SavedTab(String url, String title, boolean active) {
        this(url, title, active, false);
    }

    SavedTab asHung() {
        return new SavedTab(url, title, active, true);
    }
}
