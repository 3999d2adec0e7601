package io.browserhub.session.event;

/**
 * A recording took a screenshot of the active tab: the file's URL and name, the page it showed, and why: "interval",
 * or "command" after driving commands ({@code after} names the last one, {@code commands} counts them).
 */
public record Screenshot(String url, String name, String pageUrl, String trigger, String after, Integer commands,
                         int width, int height, long bytes) implements SessionEvent {
}
