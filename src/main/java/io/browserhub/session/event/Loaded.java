package io.browserhub.session.event;

/** A tab's page fired its load event. */
public record Loaded(String url) implements SessionEvent {
}
