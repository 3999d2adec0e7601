package io.browserhub.api;

import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.session.SessionRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Pattern;

/** Downloads of recorded Playwright traces. */
@Path("/api/sessions/{id}/traces/{name}")
public class TracesResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}\\.zip");

    private final SessionRegistry sessions;

    public TracesResource(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @GET
    @Produces("application/zip")
    public Response download(@PathParam("id") String id, @PathParam("name") String name) {
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            throw HubException.invalidParams("Trace names look like 20261121-101500-000.zip, not \"" + name + "\".");
        }
        java.nio.file.Path file = sessions.require(id).paths().traces().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new HubException(ErrorCode.SESSION_NOT_FOUND, "Session \"" + id + "\" has no trace " + name + ".", Map.of("trace", name));
        }
        return Response.ok(file.toFile(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + id + "-" + name + "\"").build();
    }
}
