package io.browserhub.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.client.Client;
import io.browserhub.client.ClientDisconnected;
import io.browserhub.client.ClientKind;
import io.browserhub.command.Dispatcher;
import io.browserhub.live.EventHub;
import io.quarkiverse.mcp.server.Implementation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.runtime.ConnectionManager;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The MCP sessions that use the hub, one {@link McpAgent} each, and their end. The extension ends an MCP session
 * on DELETE /mcp, when its SSE stream closes (HTTP+SSE transport) or after quarkus.mcp.server.connection-idle-timeout
 * (30 min) without a request, but tells nobody: {@link McpRoutes} reports DELETEs as they finish, and a scheduled
 * sweep finds the rest. Either way the agent's client disconnects, as a closed WebSocket's does, which ends its
 * control leases and event subscriptions.
 */
@ApplicationScoped
public class McpAgents {

    private static final Logger LOG = Logger.getLogger(McpAgents.class);
    /** client.hello's limit for names. */
    private static final int MAX_NAME = 64;

    private final Map<String, McpAgent> agents = new ConcurrentHashMap<>();
    /** The endpoint URL's options of each MCP session, noted when it was created and read by its first tool call. */
    private final Map<String, ConnectionOptions> options = new ConcurrentHashMap<>();
    private final ConnectionManager connections;
    private final Dispatcher dispatcher;
    private final EventHub events;
    private final ObjectMapper json;
    private final Event<ClientDisconnected> disconnected;

    public McpAgents(ConnectionManager connections, Dispatcher dispatcher, EventHub events, ObjectMapper json,
                     Event<ClientDisconnected> disconnected) {
        this.connections = connections;
        this.dispatcher = dispatcher;
        this.events = events;
        this.json = json;
        this.disconnected = disconnected;
    }

    /** The agent of an MCP session; made at its first tool call. */
    McpAgent of(McpConnection connection) {
        return agents.computeIfAbsent(connection.id(), id -> {
            Client client = Client.connection(nameOf(connection), ClientKind.AGENT);
            ConnectionOptions endpoint = options.getOrDefault(id, ConnectionOptions.DEFAULT);
            String session = endpoint.session();
            McpAgent agent = new McpAgent(id, client, session, endpoint.ownTab(), dispatcher, json);
            events.connected(client, agent::notification);
            LOG.debugf("MCP session %s is client %s, default session %s", id, client, session);
            return agent;
        });
    }

    /** An MCP session was created from an endpoint URL with these options. */
    void created(String connectionId, ConnectionOptions endpoint) {
        options.put(connectionId, endpoint);
    }

    /** The first message of an HTTP+SSE session: its options come with it (the extension copies the query over). */
    void firstMessage(String connectionId, ConnectionOptions endpoint) {
        options.putIfAbsent(connectionId, endpoint);
    }

    /** A DELETE of this MCP session was answered; if the extension ended it, its client ends too. */
    void deleted(String connectionId) {
        if (!connections.has(connectionId)) {
            end(connectionId);
        }
    }

    /** MCP sessions the extension ended without a DELETE: SSE streams closed, idle timeouts. */
    @Scheduled(every = "${browserhub.mcp.expiry-check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        for (String id : options.keySet()) {
            if (!connections.has(id)) {
                end(id);
            }
        }
        for (String id : agents.keySet()) {
            if (!connections.has(id)) {
                end(id);
            }
        }
    }

    private void end(String connectionId) {
        options.remove(connectionId);
        McpAgent agent = agents.remove(connectionId);
        if (agent != null) {
            LOG.debugf("MCP session %s ended: %s disconnects", connectionId, agent.client());
            disconnected.fire(new ClientDisconnected(agent.client()));
        }
    }

    private static String nameOf(McpConnection connection) {
        Implementation implementation = connection.initialRequest() == null ? null : connection.initialRequest().implementation();
        String name = implementation == null || implementation.name() == null ? "" : implementation.name().strip();
        if (name.isEmpty()) {
            return "mcp-client";
        }
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }
}
