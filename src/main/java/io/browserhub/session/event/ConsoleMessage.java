package io.browserhub.session.event;

/** The page wrote to its console ({@code type}: log, warning, error, ...); long text is clipped. */
public record ConsoleMessage(String type, String text, String location) implements SessionEvent {
}
