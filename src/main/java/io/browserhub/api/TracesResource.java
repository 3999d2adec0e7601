package io.browserhub.api;

import io.browserhub.data.files.FileKind;
import io.browserhub.data.files.SessionFiles;
import io.browserhub.error.HubException;
import io.browserhub.session.SessionRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** Downloads of recorded Playwright traces (the URL trace.stop answers; also under /files/trace/). */
@Path("/api/sessions/{id}/traces/{name}")
public class TracesResource {

    private final SessionRegistry sessions;
    private final SessionFiles files;

    public TracesResource(SessionRegistry sessions, SessionFiles files) {
        this.sessions = sessions;
        this.files = files;
    }

    @GET
    @Produces("application/zip")
    public Response download(@PathParam("id") String id, @PathParam("name") String name) {
        if (!name.endsWith(".zip")) {
            throw HubException.invalidParams("Trace names look like 20261121-101500-000.zip, not \"" + name + "\".");
        }
        return FilesResource.serve(files.existing(sessions.require(id), FileKind.TRACE, name), FileKind.TRACE, id + "-" + name);
    }
}
