package io.browserhub.session.event;

/** A request left the page (only while someone listens to network events). */
public record NetworkRequest(String method, String url, String resourceType, boolean navigation) implements SessionEvent {
}
