package io.browserhub.api;

import io.browserhub.activity.ActivityLog;
import io.browserhub.error.HubException;
import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** GET /api/sessions/{id}/activity: a session's whole activity log (or from sinceSeq on) as JSON lines. */
@Path("/api/sessions/{id}/activity")
public class ActivityResource {

    static final String JSON_LINES = "application/x-ndjson";

    private final SessionRegistry sessions;
    private final ActivityLog log;

    public ActivityResource(SessionRegistry sessions, ActivityLog log) {
        this.sessions = sessions;
        this.log = log;
    }

    @GET
    @Produces(JSON_LINES)
    public Response activity(@PathParam("id") String id, @QueryParam("sinceSeq") String sinceSeq, @QueryParam("limit") String limit) {
        Session session = sessions.require(id);
        // read as text: JAX-RS answers a query parameter it cannot convert with an empty 404
        long since = count("sinceSeq", sinceSeq, 0, 0);
        long max = count("limit", limit, 1, Long.MAX_VALUE);
        List<InputStream> files = log.openAll(session);
        StreamingOutput body = out -> {
            try {
                write(files, since, max, out);
            } finally {
                files.forEach(ActivityResource::closeQuietly);
            }
        };
        return Response.ok(body, JSON_LINES + "; charset=utf-8")
                .header("Content-Disposition", "inline; filename=\"" + session.id() + "-activity.jsonl\"")
                .build();
    }

    /** A whole number of at least {@code min}; INVALID_PARAMS (400) otherwise. */
    private static long count(String name, String text, long min, long fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw HubException.invalidParams(name + " must be a whole number of " + min + " or more, not \""
                + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\".");
    }

    private static void write(List<InputStream> files, long since, long max, OutputStream out) throws java.io.IOException {
        long written = 0;
        for (InputStream file : files) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(file, StandardCharsets.UTF_8), 64 * 1024);
            String line;
            while ((line = reader.readLine()) != null) {
                if (written >= max) {
                    return;
                }
                if (since > 0 && ActivityLog.seqOf(line) < since) {
                    continue;
                }
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                written++;
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException ignored) {
            // the response is written
        }
    }
}
