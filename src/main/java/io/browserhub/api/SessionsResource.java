package io.browserhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.client.Client;
import io.browserhub.command.Dispatcher;
import io.browserhub.error.ErrorCode;
import io.browserhub.session.SessionRegistry;
import io.browserhub.session.SessionState;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** REST for people and curl: the same methods as JSON-RPC, behind resource URLs. */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    private final Dispatcher dispatcher;
    private final ObjectMapper json;
    private final SessionRegistry sessions;

    public SessionsResource(Dispatcher dispatcher, ObjectMapper json, SessionRegistry sessions) {
        this.dispatcher = dispatcher;
        this.json = json;
        this.sessions = sessions;
    }

    @GET
    public CompletionStage<Object> list(@HeaderParam(Client.HEADER) String client) {
        return call("session.list", Map.of(), client);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> create(JsonNode body, @HeaderParam(Client.HEADER) String client) {
        JsonNode params = body == null ? json.createObjectNode() : body;
        return dispatcher.dispatch("session.create", params, Client.fromHeader(client))
                .thenApply(info -> Response.status(Response.Status.CREATED).entity(info).build());
    }

    @GET
    @Path("/{id}")
    public CompletionStage<Object> get(@PathParam("id") String id, @HeaderParam(Client.HEADER) String client) {
        return call("session.get", Map.of("id", id), client);
    }

    @POST
    @Path("/{id}/stop")
    public CompletionStage<Object> stop(@PathParam("id") String id, @HeaderParam(Client.HEADER) String client) {
        return call("session.stop", Map.of("id", id), client);
    }

    @DELETE
    @Path("/{id}")
    public CompletionStage<Object> delete(@PathParam("id") String id, @HeaderParam(Client.HEADER) String client) {
        return call("session.delete", Map.of("id", id), client);
    }

    /**
     * The picture of a session that is running. A GET changes nothing, so it never starts a stopped session (any
     * page that can make a browser load an image could otherwise start browsers): 409 then, and POST starts it.
     */
    @GET
    @Path("/{id}/screenshot")
    @Produces({"image/png", "image/jpeg", MediaType.APPLICATION_JSON})
    public CompletionStage<Response> screenshot(@PathParam("id") String id, @QueryParam("format") String format,
                                                @QueryParam("fullPage") Boolean fullPage, @HeaderParam(Client.HEADER) String client) {
        SessionState state = sessions.require(id).state();
        if (state != SessionState.RUNNING && state != SessionState.STARTING) {
            return CompletableFuture.completedFuture(notRunning(id, state));
        }
        return capture(id, format, fullPage, client);
    }

    /** Like GET, and starts the session's browser first when it is stopped: an explicit request to take one. */
    @POST
    @Path("/{id}/screenshot")
    @Produces({"image/png", "image/jpeg", MediaType.APPLICATION_JSON})
    public CompletionStage<Response> takeScreenshot(@PathParam("id") String id, @QueryParam("format") String format,
                                                    @QueryParam("fullPage") Boolean fullPage, @HeaderParam(Client.HEADER) String client) {
        return capture(id, format, fullPage, client);
    }

    private CompletionStage<Response> capture(String id, String format, Boolean fullPage, String client) {
        ObjectNode params = json.createObjectNode().put("session", id).put("format", format == null ? "png" : format);
        if (fullPage != null) {
            params.put("fullPage", fullPage);
        }
        return dispatcher.dispatch("page.screenshot", params, Client.fromHeader(client)).thenApply(result -> {
            JsonNode shot = json.valueToTree(result);
            byte[] image = Base64.getDecoder().decode(shot.get("data").asText());
            return Response.ok(image, shot.get("mimeType").asText())
                    .header("Content-Disposition", "inline; filename=\"" + id + "." + ("image/jpeg".equals(shot.get("mimeType").asText()) ? "jpg" : "png") + "\"")
                    .build();
        });
    }

    private static Response notRunning(String id, SessionState state) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", ErrorCode.SESSION_UNAVAILABLE.code());
        error.put("message", "Session \"" + id + "\" is " + state.wire() + "; a GET does not start it. POST to the same URL to"
                + " start it and take the screenshot, or start it with session.ensure.");
        error.put("data", Map.of("kind", ErrorCode.SESSION_UNAVAILABLE.name(), "state", state.wire()));
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", error)).build();
    }

    private CompletionStage<Object> call(String method, Map<String, Object> params, String client) {
        return dispatcher.dispatch(method, json.valueToTree(params), Client.fromHeader(client));
    }
}
