package io.browserhub.session.event;

/** A request failed (only while someone listens to network events). */
public record NetworkFailed(String method, String url, String failure) implements SessionEvent {
}
