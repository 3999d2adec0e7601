package io.browserhub.session.event;

/**
 * A tab came back blank instead of at its URL when the session started again, because its page got the previous
 * browser stuck (a script that never returns): reopening it would stall the session again. The URL is kept in the
 * tab's place, so a client can open it deliberately.
 */
public record TabRestoreSkipped(String url, String reason) implements SessionEvent {
}
