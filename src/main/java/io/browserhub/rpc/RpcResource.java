package io.browserhub.rpc;

import io.browserhub.client.Client;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/** JSON-RPC 2.0 over plain HTTP, for one-shot clients; no server notifications on this transport. */
@Path("/rpc")
public class RpcResource {

    private final JsonRpc rpc;

    public RpcResource(JsonRpc rpc) {
        this.rpc = rpc;
    }

    // on a worker thread: a large batch must not hold the event loop that serves other connections and probes
    @Blocking
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> post(String body, @HeaderParam(Client.HEADER) String clientName) {
        Client client = Client.fromHeader(clientName);
        return rpc.handle(body == null ? "" : body, client).thenApply(response -> response == null
                ? Response.noContent().build()
                : Response.ok(response, MediaType.APPLICATION_JSON_TYPE).build());
    }
}
