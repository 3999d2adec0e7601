package io.browserhub.session.event;

/** A tab opened (by a client, by the page as a popup, or when the session's tabs were reopened). */
public record TabOpened(String url) implements SessionEvent {
}
