package io.browserhub.api;

import io.browserhub.data.files.FileKind;
import io.browserhub.data.files.SessionFiles;
import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A session's files (files.list gives their URLs): images inline, everything else as an attachment. */
@Path("/api/sessions/{id}/files/{kind}/{name}")
public class FilesResource {

    private final SessionRegistry sessions;
    private final SessionFiles files;

    public FilesResource(SessionRegistry sessions, SessionFiles files) {
        this.sessions = sessions;
        this.files = files;
    }

    @GET
    public Response download(@PathParam("id") String id, @PathParam("kind") String kindName, @PathParam("name") String name) {
        Session session = sessions.require(id);
        FileKind kind = FileKind.of(kindName);
        return serve(files.existing(session, kind, name), kind, id + "-" + name);
    }

    /** One file as a response: its type, inline or attachment, and nothing the browser may sniff or run. */
    static Response serve(java.nio.file.Path file, FileKind kind, String downloadName) {
        String name = file.getFileName().toString();
        String disposition = (kind.inline(name) ? "inline" : "attachment") + "; filename*=UTF-8''"
                + URLEncoder.encode(downloadName, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(file.toFile(), kind.contentType(name))
                .header("Content-Disposition", disposition)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Cache-Control", "private, max-age=3600")
                .build();
    }
}
