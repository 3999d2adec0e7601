package io.browserhub.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.client.Client;
import io.browserhub.error.HubException;
import io.browserhub.session.SessionEvents;
import io.browserhub.session.SessionInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * Reports every finished command on a session as a {@code command} event (which the activity log keeps):
 * who, what, on which selector or URL, how long, and how it ended. Typed text is never reported, only its
 * length.
 */
@ApplicationScoped
public class CommandJournal {

    private static final Logger LOG = Logger.getLogger(CommandJournal.class);
    /** Parameters whose content is what a client typed or ran: only their length is kept. */
    private static final List<String> SECRET = List.of("value", "text", "promptText", "function", "arg");
    private static final int MAX_SHOWN = 2048;

    private final SessionEvents events;

    public CommandJournal(SessionEvents events) {
        this.events = events;
    }

    /** Never throws: a journal failure must not turn a command's outcome into an error. */
    void finished(String method, JsonNode params, Client client, Object result, Throwable failure, long durationNanos) {
        try {
            String session = sessionOf(params, result);
            if (session == null) {
                return;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            Map<String, Object> who = new LinkedHashMap<>();
            who.put("id", client.id());
            who.put("name", client.name());
            who.put("kind", client.kind().wire());
            data.put("client", who);
            data.put("method", method);
            JsonNode p = params != null && params.isObject() ? params : null;
            if (p != null) {
                shown(p, "selector", data);
                shown(p, "url", data);
                Map<String, Object> lengths = new LinkedHashMap<>();
                for (String name : SECRET) {
                    JsonNode value = p.get(name);
                    if (value != null && !value.isNull()) {
                        lengths.put(name, value.isTextual() ? value.asText().length() : value.toString().length());
                    }
                }
                if (!lengths.isEmpty()) {
                    data.put("lengths", lengths);
                }
            }
            data.put("durationMs", Math.round(durationNanos / 1_000_000.0 * 10) / 10.0);
            data.put("outcome", failure == null ? "ok" : outcome(failure));
            String tab = p != null && p.path("tab").isTextual() ? p.get("tab").asText() : null;
            events.emit(session, "command", tab, data);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not journal %s", method);
        }
    }

    /** The session a command addresses: its "session" parameter, or "id" for session.* methods. */
    private static String sessionOf(JsonNode params, Object result) {
        if (params != null && params.isObject()) {
            if (params.path("session").isTextual()) {
                return params.get("session").asText();
            }
            if (params.path("id").isTextual()) {
                return params.get("id").asText();
            }
        }
        // session.create without an id: the generated one
        return result instanceof SessionInfo info ? info.id() : null;
    }

    private static void shown(JsonNode params, String name, Map<String, Object> data) {
        JsonNode value = params.get(name);
        if (value != null && value.isTextual()) {
            String text = value.asText();
            data.put(name, text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text);
        }
    }

    private static String outcome(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof HubException hub ? hub.code().name() : "INTERNAL_ERROR";
    }
}
