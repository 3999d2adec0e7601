package io.browserhub.activity;

import static io.browserhub.command.ParamSpec.opt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.command.Access;
import io.browserhub.command.CommandFamily;
import io.browserhub.command.MethodTable;
import io.browserhub.command.ParamSpec;
import io.browserhub.command.ParamType;
import io.browserhub.command.Params;
import io.browserhub.error.HubException;
import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** session.activity: the activity log, paged by seq. */
@ApplicationScoped
public class ActivityCommands implements CommandFamily {

    static final int MAX_LIMIT = 1000;

    private final SessionRegistry sessions;
    private final ActivityLog log;
    private final ObjectMapper json;

    public ActivityCommands(SessionRegistry sessions, ActivityLog log, ObjectMapper json) {
        this.sessions = sessions;
        this.log = log;
        this.json = json;
    }

    @Override
    public void register(MethodTable.Builder t) {
        t.hub("session.activity", Access.READ,
                "The session's activity log: every command (who, what, how long, outcome) and page event, oldest first. "
                        + "Page on with sinceSeq = nextSeq.",
                "{entries: [{seq, ts, session, kind, tab?, data}], nextSeq}",
                call -> {
                    Params p = call.params();
                    Session session = sessions.require(p.string("id"));
                    long since = sinceSeq(p);
                    int limit = limit(p);
                    return log.read(session, since, limit).thenApply(lines -> page(lines, since));
                },
                ParamSpec.SESSION_ID,
                opt("sinceSeq", ParamType.INTEGER, "Only entries with this seq or a later one (default 0: from the oldest kept).").range(0, Long.MAX_VALUE),
                opt("limit", ParamType.INTEGER, "At most this many entries, 1.." + MAX_LIMIT + " (default 100).").range(1, MAX_LIMIT));
    }

    static long sinceSeq(Params p) {
        long since = p.longInteger("sinceSeq", 0);
        if (since < 0) {
            throw HubException.invalidParams("sinceSeq must be 0 or a positive seq, not " + since + ".");
        }
        return since;
    }

    static int limit(Params p) {
        int limit = p.integer("limit", 100);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw HubException.invalidParams("limit must be 1.." + MAX_LIMIT + ", not " + limit + ".");
        }
        return limit;
    }

    private Map<String, Object> page(List<String> lines, long since) {
        List<JsonNode> entries = new ArrayList<>();
        long next = since;
        for (String line : lines) {
            try {
                JsonNode entry = json.readTree(line);
                entries.add(entry);
                next = Math.max(next, entry.path("seq").asLong() + 1);
            } catch (IOException e) {
                // a line still being written: it comes with the next page
                break;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("entries", entries);
        result.put("nextSeq", next);
        return result;
    }
}
