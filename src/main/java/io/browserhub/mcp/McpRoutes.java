package io.browserhub.mcp;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Watches the MCP endpoint's requests on their way to the extension, which keeps its sessions to itself: which
 * endpoint URL (?session=) a new MCP session came from, and which DELETE ended one. Runs after RequestGuard, so
 * only requests with the token get here; it never answers a request itself.
 */
@ApplicationScoped
class McpRoutes {

    /** The header the extension names an MCP session by, in the initialize response and every later request. */
    static final String SESSION_HEADER = "Mcp-Session-Id";
    /** After RequestGuard (ROUTE_ORDER_UPLOAD_LIMIT - 1), before every application route, the extension's included. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1;

    private final McpAgents agents;
    private final String root;

    McpRoutes(McpAgents agents, @ConfigProperty(name = "quarkus.mcp.server.http.root-path", defaultValue = "/mcp") String root) {
        this.agents = agents;
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    void install(@Observes Router router) {
        router.route(root).order(ORDER).handler(this::streamable);
        router.route(HttpMethod.POST, root + "/messages/:id").order(ORDER).handler(this::sseMessage);
    }

    /** Streamable HTTP: an initialize POST without a session header creates one; a DELETE ends one. */
    private void streamable(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String session = request.getHeader(SESSION_HEADER);
        if (request.method() == HttpMethod.POST && session == null) {
            ConnectionOptions endpoint = ConnectionOptions.of(ctx.queryParams());
            ctx.addHeadersEndHandler(v -> {
                String created = ctx.response().headers().get(SESSION_HEADER);
                if (created != null) {
                    agents.created(created, endpoint);
                }
            });
        } else if (request.method() == HttpMethod.DELETE && session != null) {
            ctx.addEndHandler(done -> agents.deleted(session));
        }
        ctx.next();
    }

    /** HTTP+SSE (2024-11-05): messages go to /mcp/messages/{session}, with the endpoint URL's query copied over. */
    private void sseMessage(RoutingContext ctx) {
        agents.firstMessage(ctx.pathParam("id"), ConnectionOptions.of(ctx.queryParams()));
        ctx.next();
    }
}
