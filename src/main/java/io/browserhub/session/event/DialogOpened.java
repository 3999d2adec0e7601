package io.browserhub.session.event;

/** The page opened an alert, confirm, prompt or beforeunload dialog. */
public record DialogOpened(String type, String message, String defaultValue) implements SessionEvent {
}
