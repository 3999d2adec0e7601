package io.browserhub.session.event;

/** A download was saved: where, and how large. */
public record DownloadSaved(String url, String suggestedFilename, String path, long bytes) implements SessionEvent {
}
