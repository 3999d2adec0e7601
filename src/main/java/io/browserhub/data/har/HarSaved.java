package io.browserhub.data.har;

/** What har.stop answers: the saved HAR's name, its URL, and how many entries and pages it holds. */
public record HarSaved(String name, String url, int entries, int pages) {
}
