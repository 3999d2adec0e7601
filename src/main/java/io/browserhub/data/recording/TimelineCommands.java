package io.browserhub.data.recording;

import static io.browserhub.command.ParamSpec.opt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.activity.ActivityLog;
import io.browserhub.command.Access;
import io.browserhub.command.CommandFamily;
import io.browserhub.command.MethodSpec;
import io.browserhub.command.MethodTable;
import io.browserhub.command.ParamSpec;
import io.browserhub.command.ParamType;
import io.browserhub.command.Params;
import io.browserhub.error.HubException;
import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * session.timeline: what happened in a session, in time order, for a person to scrub through. It is the activity log
 * (commands, page events, recording screenshots, all numbered in one sequence) without what changes nothing: commands
 * that only read (status polls, the timeline's own reads) and network traffic. A screenshot entry carries its file's
 * URL at the top, beside the command that led to it.
 */
@ApplicationScoped
public class TimelineCommands implements CommandFamily {

    static final int MAX_LIMIT = 1000;
    /** Reading methods that still belong in the timeline: they start or stop what the timeline shows, or capture the page. */
    private static final List<String> NOTABLE_PREFIXES = List.of("recording.", "har.", "trace.", "page.screenshot");
    /** How many activity pages one call may read to fill its limit after filtering. */
    private static final int MAX_PAGES = 20;

    private final SessionRegistry sessions;
    private final ActivityLog log;
    private final ObjectMapper json;
    private final Instance<MethodTable> table;

    public TimelineCommands(SessionRegistry sessions, ActivityLog log, ObjectMapper json, Instance<MethodTable> table) {
        this.sessions = sessions;
        this.log = log;
        this.json = json;
        this.table = table;
    }

    @Override
    public void register(MethodTable.Builder t) {
        t.hub("session.timeline", Access.READ, "What happened in the session, oldest first: commands that changed something,"
                        + " page and tab events, and recording screenshots {seq, ts, kind: \"screenshot\", tab, url, data}."
                        + " Page on with sinceSeq = nextSeq.",
                "{entries: [{seq, ts, kind, tab?, url?, data}], nextSeq}",
                call -> {
                    Params p = call.params();
                    Session session = sessions.require(p.session());
                    long since = p.has("sinceSeq") ? p.node("sinceSeq").asLong() : 0;
                    int limit = p.integer("limit", 100);
                    if (since < 0) {
                        throw HubException.invalidParams("sinceSeq must be 0 or a positive seq, not " + since + ".");
                    }
                    if (limit < 1 || limit > MAX_LIMIT) {
                        throw HubException.invalidParams("limit must be 1.." + MAX_LIMIT + ", not " + limit + ".");
                    }
                    return collect(session, since, limit, new ArrayList<>(), 0);
                },
                ParamSpec.SESSION,
                opt("sinceSeq", ParamType.INTEGER, "Only entries with this seq or a later one (default 0: from the oldest kept)."),
                opt("limit", ParamType.INTEGER, "At most this many entries, 1.." + MAX_LIMIT + " (default 100)."));
    }

    private CompletionStage<Map<String, Object>> collect(Session session, long since, int limit, List<JsonNode> entries, int pages) {
        return log.read(session, since, limit).thenCompose(lines -> {
            long next = since;
            for (String line : lines) {
                JsonNode entry;
                try {
                    entry = json.readTree(line);
                } catch (IOException e) {
                    break; // a line still being written: it comes with the next page
                }
                next = Math.max(next, entry.path("seq").asLong() + 1);
                if (shown(entry)) {
                    entries.add(shaped(entry));
                    if (entries.size() == limit) {
                        return CompletableFuture.completedFuture(result(entries, next));
                    }
                }
            }
            if (lines.size() < limit || next <= since || pages + 1 >= MAX_PAGES) {
                return CompletableFuture.completedFuture(result(entries, next));
            }
            return collect(session, next, limit, entries, pages + 1);
        });
    }

    private boolean shown(JsonNode entry) {
        String kind = entry.path("kind").asText();
        if (kind.startsWith("network.")) {
            return false;
        }
        if (!kind.equals("command")) {
            return true;
        }
        String method = entry.path("data").path("method").asText();
        if (NOTABLE_PREFIXES.stream().anyMatch(method::startsWith)) {
            return true;
        }
        Access access = table.get().find(method).map(MethodSpec::access).orElse(Access.READ);
        return access == Access.DRIVE || access == Access.MANAGE;
    }

    private static JsonNode shaped(JsonNode entry) {
        if (!"screenshot".equals(entry.path("kind").asText()) || !(entry instanceof ObjectNode object)) {
            return entry;
        }
        ObjectNode out = object.objectNode();
        out.set("seq", object.get("seq"));
        out.set("ts", object.get("ts"));
        out.put("kind", "screenshot");
        if (object.has("tab")) {
            out.set("tab", object.get("tab"));
        }
        out.set("url", object.path("data").get("url"));
        out.set("data", object.get("data"));
        return out;
    }

    private static Map<String, Object> result(List<JsonNode> entries, long next) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entries", entries);
        out.put("nextSeq", next);
        return out;
    }
}
