package io.browserhub.session.event;

/** A dialog was answered: accepted or not, and {@code how} ("answered", "answered in advance", dismissed after a timeout). */
public record DialogClosed(String type, String message, String defaultValue, boolean accepted, String how) implements SessionEvent {
}
