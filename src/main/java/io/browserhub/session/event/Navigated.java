package io.browserhub.session.event;

/** A tab's main frame navigated (including same-document history changes). */
public record Navigated(String url) implements SessionEvent {
}
