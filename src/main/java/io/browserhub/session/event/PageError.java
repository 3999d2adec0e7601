package io.browserhub.session.event;

/** An uncaught exception in the page. */
public record PageError(String name, String message, String stack) implements SessionEvent {
}
