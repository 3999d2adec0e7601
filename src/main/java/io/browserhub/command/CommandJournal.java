package io.browserhub.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.session.SessionEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports every finished command on a session as a {@code command} event (which the activity log keeps):
 * who, what, on which selector or URL, how long, and how it ended. Typed text is reported only as its length,
 * except a person's keys outside password fields (input.key).
 */
@ApplicationScoped
public class CommandJournal implements CommandListener {

    /** Parameters whose content is what a client typed or ran: only their length is kept. */
    private static final List<String> SECRET = List.of("value", "text", "promptText", "function", "arg");
    private static final int MAX_SHOWN = 2048;

    private final SessionEvents events;

    public CommandJournal(SessionEvents events) {
        this.events = events;
    }

    @Override
    public void finished(CommandOutcome o) {
        String session = o.session();
        if (session == null || o.flowControl()) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("id", o.client().id());
        who.put("name", o.client().name());
        who.put("kind", o.client().kind().wire());
        data.put("client", who);
        data.put("method", o.method());
        JsonNode p = o.params() != null && o.params().isObject() ? o.params() : null;
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
            typed(o, p, data);
        }
        data.put("durationMs", o.durationMs());
        data.put("outcome", o.outcome());
        String tab = p != null && p.path("tab").isTextual() ? p.get("tab").asText() : null;
        events.emit(session, "command", tab, data);
    }

    /**
     * What input.key typed: a person's keys are what the activity log is for (the dashboard shows them as words), but
     * only where the page does not hide them; in a password field (or when that is unknown) only "secret" is kept.
     */
    private static void typed(CommandOutcome o, JsonNode p, Map<String, Object> data) {
        if (!"input.key".equals(o.method())) {
            return;
        }
        if (o.result() instanceof InputCommands.KeyResult r && !r.secret()) {
            shown(p, "key", data);
            shown(p, "text", data);
        } else {
            data.put("secret", true);
        }
    }

    private static void shown(JsonNode params, String name, Map<String, Object> data) {
        JsonNode value = params.get(name);
        if (value != null && value.isTextual()) {
            String text = value.asText();
            data.put(name, text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text);
        }
    }
}
