package io.browserhub.session.event;

/**
 * The page opened an alert, confirm, prompt or beforeunload dialog; {@code answeredInAdvance}: an answer given
 * beforehand closes it at once, so nobody needs to answer it.
 */
public record DialogOpened(String type, String message, String defaultValue, boolean answeredInAdvance) implements SessionEvent {
}
