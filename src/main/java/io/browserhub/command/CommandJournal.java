package io.browserhub.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.session.SessionEvents;
import io.browserhub.session.event.CommandDone;
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
    public boolean inline() {
        return true;
    }

    @Override
    public void finished(CommandOutcome o) {
        String session = o.session();
        if (session == null || o.flowControl()) {
            return;
        }
        JsonNode p = o.params() != null && o.params().isObject() ? o.params() : null;
        Map<String, Integer> lengths = new LinkedHashMap<>();
        if (p != null) {
            for (String name : SECRET) {
                JsonNode value = p.get(name);
                if (value != null && !value.isNull()) {
                    lengths.put(name, value.isTextual() ? value.asText().length() : value.toString().length());
                }
            }
        }
        CommandDone.Who who = new CommandDone.Who(o.client().id(), o.client().name(), o.client().kind().wire());
        String tab = p != null && p.path("tab").isTextual() ? p.get("tab").asText() : null;
        Integer count = p != null && p.path("count").canConvertToInt() ? p.get("count").asInt() : null;
        // what input.key typed: a person's keys are what the activity log is for (the dashboard shows them as words),
        // but only where the page does not hide them; in a password field (or when that is unknown) only "secret" is kept
        boolean key = "input.key".equals(o.method());
        boolean visible = key && o.result() instanceof InputCommands.KeyResult r && !r.secret();
        events.emit(session, tab, new CommandDone(who, o.method(), shown(p, "selector"), shown(p, "url"), shown(p, "type"), count,
                lengths.isEmpty() ? null : lengths, visible ? shown(p, "key") : null, visible ? shown(p, "text") : null,
                key && !visible ? Boolean.TRUE : null, o.durationMs(), o.outcome()));
    }

    private static String shown(JsonNode params, String name) {
        JsonNode value = params == null ? null : params.get(name);
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.asText();
        return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text;
    }
}
