package io.browserhub.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.config.HubConfig;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The MCP door: every tool of every {@link McpToolFamily}, registered with the Quarkiverse MCP server, whose
 * Streamable HTTP endpoint is /mcp. A call runs as its MCP session's {@link McpAgent}; whatever goes wrong
 * becomes a tool result with isError, never a protocol error, so the agent reads the hub's sentence.
 */
@ApplicationScoped
public class McpDoor {

    private final ToolManager toolManager;
    private final Instance<McpToolFamily> families;
    private final McpAgents agents;
    private final ObjectMapper json;
    private final long actionTimeoutMs;

    public McpDoor(ToolManager toolManager, Instance<McpToolFamily> families, McpAgents agents, ObjectMapper json, HubConfig config) {
        this.toolManager = toolManager;
        this.families = families;
        this.agents = agents;
        this.json = json;
        this.actionTimeoutMs = config.mcp().actionTimeout().toMillis();
    }

    void register(@Observes StartupEvent start) {
        families.stream()
                .flatMap(family -> family.tools().stream())
                .sorted(Comparator.comparing(McpTool::name))
                .forEach(this::register);
    }

    private void register(McpTool tool) {
        McpTool.Effect effect = tool.effect();
        toolManager.newTool(tool.name())
                .setTitle(tool.title())
                .setDescription(tool.description())
                .setInputSchema(tool.schema())
                .setAnnotations(new ToolManager.ToolAnnotations(tool.title(), effect.readOnly, effect.destructive, false, effect.openWorld))
                .setAsyncHandler(args -> Uni.createFrom().completionStage(() -> run(tool, args)))
                .register();
    }

    private CompletionStage<ToolResponse> run(McpTool tool, ToolManager.ToolArguments args) {
        try {
            McpAgent agent = agents.of(args.connection());
            ObjectNode arguments = (ObjectNode) json.readTree(new JsonObject(args.args()).encode());
            ToolCall call = new ToolCall(tool.name(), arguments, agent, json, actionTimeoutMs);
            return tool.handler().run(call)
                    .exceptionally(failure -> ToolErrors.reply(failure, tool.name()))
                    .thenApply(Reply::response);
        } catch (Exception e) {
            return CompletableFuture.completedFuture(ToolErrors.reply(e, tool.name()).response());
        }
    }
}
