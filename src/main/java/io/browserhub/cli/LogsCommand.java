package io.browserhub.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code browserhub logs ID [--follow]}: the session's activity log (session.activity, paged), then with --follow
 * its new entries as the hub sends them (events.subscribe on the /rpc WebSocket). Polling session.activity
 * instead would write each poll into the very log being read, one entry per poll for every reader.
 */
@Command(sortOptions = false,
        description = {"Prints a session's activity log; --follow keeps going.",
                "Every command (who, what, how long, outcome) and page event; with --json one JSON object per line."})
final class LogsCommand extends HubCommand {

    private static final int PAGE = 1000;

    /** Created on first use: the time zone rules take a while to load, and --json never needs them. */
    private static final class Local {
        static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    }

    @Parameters(index = "0", paramLabel = "ID", description = "Session id.")
    String id;

    @Option(names = {"-f", "--follow"}, description = "Then keep printing new entries as they come (Ctrl-C ends).")
    boolean follow;

    @Override
    void run() {
        HubClient client = hub.client();
        long next = print(client, 0);
        if (!follow) {
            return;
        }
        try (HubSocket socket = HubSocket.connect(hub, client.credential())) {
            socket.call("events.subscribe", Map.of("session", id));
            // what was logged between reading the history and subscribing; later entries arrive as events
            next = print(socket, next);
            while (true) {
                Map<String, Object> notification = socket.nextNotification();
                Map<String, Object> params = Json.object(notification, "params");
                switch (Json.text(notification, "method", "")) {
                    case "event" -> {
                        long seq = Json.number(params, "seq", -1);
                        if (id.equals(Json.text(params, "session", null)) && seq >= next) {
                            print(params);
                            next = seq + 1;
                        }
                    }
                    case "events.dropped" -> err().println("browserhub: " + Json.number(params, "count", 0) + " entries not shown"
                            + " (this reader fell behind); `browserhub logs " + id + "` has them from #" + Json.number(params, "firstSeq", 0) + ".");
                    default -> {
                        // other notifications (control.changed reaches every client it concerns) are not log entries
                    }
                }
                out().flush();
            }
        }
    }

    /** Prints the log from seq {@code since} on, a page at a time; returns the seq after the last one printed. */
    private long print(Rpc rpc, long since) {
        long next = since;
        while (true) {
            Object page = rpc.call("session.activity", Map.of("id", id, "sinceSeq", next, "limit", PAGE));
            List<Object> entries = Json.array(page, "entries");
            for (Object entry : entries) {
                long seq = Json.number(entry, "seq", -1);
                if (seq >= next) {
                    print(entry);
                    next = seq + 1;
                }
            }
            out().flush();
            if (entries.size() < PAGE) {
                return next;
            }
        }
    }

    private void print(Object entry) {
        out().println(hub.json ? Json.write(entry) : line(entry));
    }

    /** One entry for people: "2026-03-01 12:00:01.123  #41  command  t1  browserhub-cli page.goto https://… 210.3 ms ok". */
    static String line(Object entry) {
        StringBuilder line = new StringBuilder();
        String ts = Json.text(entry, "ts", "");
        try {
            line.append(Local.TIME.format(Instant.parse(ts)));
        } catch (DateTimeParseException e) {
            line.append(ts);
        }
        line.append("  #").append(Json.number(entry, "seq", -1)).append("  ").append(Json.text(entry, "kind", "?"));
        String tab = Json.text(entry, "tab", null);
        if (tab != null) {
            line.append("  ").append(tab);
        }
        Map<String, Object> data = Json.object(entry, "data");
        if ("command".equals(Json.text(entry, "kind", null))) {
            line.append("  ").append(Json.text(Json.object(data, "client"), "name", "?")).append(' ').append(Json.text(data, "method", "?"));
            String target = Json.text(data, "url", Json.text(data, "selector", null));
            if (target != null) {
                line.append(' ').append(target);
            }
            line.append("  ").append(Json.text(data, "durationMs", "?")).append(" ms  ").append(Json.text(data, "outcome", "?"));
        } else if (!data.isEmpty()) {
            line.append("  ").append(Json.write(data));
        }
        return line.toString();
    }
}
