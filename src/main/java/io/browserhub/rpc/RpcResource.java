package io.browserhub.rpc;

import io.browserhub.client.Client;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** JSON-RPC 2.0 over plain HTTP, for one-shot clients; no server notifications on this transport. */
@Path("/rpc")
public class RpcResource {

    private final JsonRpc rpc;
    private final DispatchThreads threads;

    public RpcResource(JsonRpc rpc, DispatchThreads threads) {
        this.rpc = rpc;
        this.threads = threads;
    }

    /**
     * Received on the event loop. A command for a running session only joins its queue and is handed over from here;
     * anything else (a large batch, a start, file work) goes to the dispatch threads, never holding the event loop
     * that serves other connections and the health probes.
     */
    @NonBlocking
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> post(String body, @HeaderParam(Client.HEADER) String clientName) {
        Client client = Client.fromHeader(clientName);
        String text = body == null ? "" : body;
        JsonRpc.Message message = rpc.readSmall(text);
        CompletionStage<String> response = rpc.handsOver(message) ? rpc.handle(message, client)
                : CompletableFuture.supplyAsync(() -> rpc.handle(message, client), threads::execute).thenCompose(r -> r);
        return response.thenApply(r -> r == null
                ? Response.noContent().build()
                : Response.ok(r, MediaType.APPLICATION_JSON_TYPE).build());
    }
}
