package io.browserhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.client.Client;
import io.browserhub.command.Dispatcher;
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
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** REST for people and curl: the same methods as JSON-RPC, behind resource URLs. */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    private final Dispatcher dispatcher;
    private final ObjectMapper json;

    public SessionsResource(Dispatcher dispatcher, ObjectMapper json) {
        this.dispatcher = dispatcher;
        this.json = json;
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

    @GET
    @Path("/{id}/screenshot")
    @Produces({"image/png", "image/jpeg", MediaType.APPLICATION_JSON})
    public CompletionStage<Response> screenshot(@PathParam("id") String id, @QueryParam("format") String format,
                                                @QueryParam("fullPage") Boolean fullPage, @HeaderParam(Client.HEADER) String client) {
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

    private CompletionStage<Object> call(String method, Map<String, Object> params, String client) {
        return dispatcher.dispatch(method, json.valueToTree(params), Client.fromHeader(client));
    }
}
