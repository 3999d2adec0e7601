package io.browserhub.session.event;

import java.util.Map;

/**
 * A command on the session finished: who ran it, on which selector or URL, how long it took and how it ended. A door
 * that sums up many calls in one entry (the CDP door's input bursts) says which kinds ({@code type}) and how many
 * ({@code count}). Typed text and scripts are never kept, only their {@code lengths}; but a person's keys (input.key)
 * are, as {@code key} or {@code text}, unless the page hides them (a password field): then only {@code secret}. Null
 * fields are left out of the event.
 */
public record CommandDone(Who client, String method, String selector, String url, String type, Integer count,
                          Map<String, Integer> lengths, String key, String text, Boolean secret,
                          double durationMs, String outcome) implements SessionEvent {

    /** The client that sent the command. */
    public record Who(String id, String name, String kind) {
    }
}
