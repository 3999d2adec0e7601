package io.browserhub.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code browserhub sessions}: the hub's sessions, one line each. */
@Command(sortOptions = false,
        description = {"Lists the sessions: state, tabs, page, last activity, who drives.",
                "With --json: the result of session.list."})
final class SessionsCommand extends HubCommand {

    @Override
    void run() {
        Object result = hub.client().call("session.list", Map.of());
        if (hub.json) {
            out().println(Json.pretty(result));
            return;
        }
        List<Object> sessions = Json.array(result, "sessions");
        if (sessions.isEmpty()) {
            out().println("No sessions yet. Open one: browserhub open ID [--url URL]");
            return;
        }
        Table table = new Table("ID", "STATE", "TABS", "PAGE", "LAST ACTIVITY", "CONTROL");
        Instant now = Instant.now();
        for (Object session : sessions) {
            List<Object> tabs = Json.array(session, "tabs");
            Object active = tabs.stream().filter(t -> Json.flag(t, "active"))
                    .findFirst().orElse(tabs.isEmpty() ? null : tabs.get(0));
            Map<String, Object> controller = Json.object(session, "controller");
            table.row(Json.text(session, "id", "?"), Json.text(session, "state", "?"), String.valueOf(tabs.size()),
                    Json.text(active, "url", ""), ago(Json.text(session, "lastActivityAt", null), now),
                    controller.isEmpty() ? "free" : Json.text(controller, "kind", "") + " " + Json.text(controller, "name", ""));
        }
        table.print(out());
    }

    /** "12 s ago", "3 min ago", "5 h ago", "2 d ago": what a person scans a list for. */
    static String ago(String timestamp, Instant now) {
        if (timestamp == null) {
            return "";
        }
        try {
            long s = Math.max(0, Duration.between(Instant.parse(timestamp), now).getSeconds());
            return s < 60 ? s + " s ago" : s < 3600 ? s / 60 + " min ago" : s < 86_400 ? s / 3600 + " h ago" : s / 86_400 + " d ago";
        } catch (DateTimeParseException e) {
            return timestamp;
        }
    }
}
