package io.browserhub.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.client.Client;
import io.browserhub.error.HubException;
import io.browserhub.error.Throwables;
import io.browserhub.session.SessionInfo;

/** One finished command: who ran which method with which parameters, for how long, and how it ended. */
public record CommandOutcome(String method, JsonNode params, Client client, Object result, Throwable failure, long durationNanos) {

    /** "ok", or the protocol error name (NO_ELEMENT, TIMEOUT, ...). */
    public String outcome() {
        if (failure == null) {
            return "ok";
        }
        return Throwables.unwrap(failure) instanceof HubException hub ? hub.code().name() : "INTERNAL_ERROR";
    }

    /** The session a command addresses: its "session" parameter, "id" for session.* methods, or the created one. */
    public String session() {
        if (params != null && params.isObject()) {
            if (params.path("session").isTextual()) {
                return params.get("session").asText();
            }
            if (params.path("id").isTextual()) {
                return params.get("id").asText();
            }
        }
        return result instanceof SessionInfo info ? info.id() : null;
    }

    /**
     * Flow control rather than a command a person would look for (screencast.ack: one per frame per viewer;
     * session.thumbnail: the dashboard's glance at every running session, every few seconds):
     * counted in metrics, but kept out of the activity log, the event stream and the log lines.
     */
    public boolean flowControl() {
        return "screencast.ack".equals(method) || "session.thumbnail".equals(method);
    }

    public double durationMs() {
        return Math.round(durationNanos / 100_000.0) / 10.0;
    }
}
