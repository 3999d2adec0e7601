package io.browserhub.session.event;

/** A download did not complete. */
public record DownloadFailed(String url, String suggestedFilename, String failure) implements SessionEvent {
}
