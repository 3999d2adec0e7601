package io.browserhub.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.session.SessionEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports every finished command on a session as a {@code command} event (which the activity log keeps):
 * who, what, on which selector or URL, how long, and how it ended. Typed text is never reported, only its
 * length.
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
            // a door's summary of many calls in one entry (the CDP door's input bursts): which kinds, how many
            shown(p, "type", data);
            if (p.path("count").canConvertToInt()) {
                data.put("count", p.get("count").asInt());
            }
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
        data.put("durationMs", o.durationMs());
        data.put("outcome", o.outcome());
        String tab = p != null && p.path("tab").isTextual() ? p.get("tab").asText() : null;
        events.emit(session, "command", tab, data);
    }

    private static void shown(JsonNode params, String name, Map<String, Object> data) {
        JsonNode value = params.get(name);
        if (value != null && value.isTextual()) {
            String text = value.asText();
            data.put(name, text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text);
        }
    }
}
