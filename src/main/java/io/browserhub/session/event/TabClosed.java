package io.browserhub.session.event;

/** A tab closed. */
public record TabClosed() implements SessionEvent {
}
