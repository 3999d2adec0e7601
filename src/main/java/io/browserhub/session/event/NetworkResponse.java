package io.browserhub.session.event;

/** A response arrived (only while someone listens to network events). */
public record NetworkResponse(String method, String url, int status, String statusText) implements SessionEvent {
}
