package io.browserhub.session.event;

/** The page started a download; it is saved under the session's downloads/ once the browser has finished it. */
public record DownloadStarted(String url, String suggestedFilename) implements SessionEvent {
}
