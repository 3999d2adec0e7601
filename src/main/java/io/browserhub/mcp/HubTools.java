package io.browserhub.mcp;

import static io.browserhub.mcp.Args.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.command.MethodSpec;
import io.browserhub.command.MethodTable;
import io.browserhub.command.ParamSpec;
import io.browserhub.mcp.McpTool.Effect;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The hub's own tools, which Playwright MCP has no word for: sessions that outlive the agent (list, open, stop)
 * and the control lease that lets one client drive while the others watch.
 */
@ApplicationScoped
class HubTools implements McpToolFamily {

    private final MethodTable table;

    HubTools(MethodTable table) {
        this.table = table;
    }

    @Override
    public List<McpTool> tools() {
        return List.of(
                new McpTool("session_list", "List sessions", "Lists the hub's browser sessions: state, tabs, who controls each.",
                        ToolSchema.object().build(), Effect.READS_HUB, this::list),
                new McpTool("session_open", "Open a session", "Opens a browser session: creates it, or starts it again with its"
                        + " profile (logins, tabs) when stopped. Browser tools then address it unless told otherwise.",
                        ensureOptions().build(), Effect.MANAGES_HUB, this::open),
                new McpTool("session_stop", "Stop a session", "Closes a session's browser and keeps its profile; the next"
                        + " browser tool on it starts it again where it was.",
                        ToolSchema.object().string("id", "Session id.").required("id").build(), Effect.MANAGES_HUB, this::stop),
                new McpTool("control_acquire", "Take control", "Takes the session's control lease: until you release it (or"
                        + " stay idle past its time to live) only you drive the session; people and other agents may still"
                        + " watch. A person may take it over.",
                        session(ToolSchema.object()
                                .bool("wait", "Wait in line while someone else holds control (default false: refused at once)")
                                .integer("ttlMs", "Control ends after this many ms without a command from you (default 60000)"))
                                .build(), Effect.MANAGES_HUB, this::acquire),
                new McpTool("control_release", "Release control", "Gives up the session's control lease; the next client"
                        + " waiting gets it.", session(ToolSchema.object()).build(), Effect.MANAGES_HUB, this::release));
    }

    /** session_open takes session.ensure's parameters, as the method table declares them, and ownTab. */
    private ToolSchema ensureOptions() {
        MethodSpec ensure = table.find("session.ensure").orElseThrow();
        ToolSchema schema = ToolSchema.object();
        for (ParamSpec p : ensure.params()) {
            schema.param(p);
        }
        return schema.bool("ownTab", "Work in a tab of your own in this session, leased to you: other agents cannot drive it,"
                + " and your browser tools address it (default false: the session's active tab, shared)");
    }

    private CompletableFuture<Reply> list(ToolCall call) {
        return call.hub("session.list", call.params()).thenApply(r -> {
            List<String> lines = new ArrayList<>();
            for (JsonNode s : r.path("sessions")) {
                String id = s.path("id").asText();
                lines.add("- " + id + (id.equals(call.agent().defaultSession()) ? " (this connection's default)" : "") + ": "
                        + s.path("state").asText() + ", " + tabs(s.path("tabs")) + ", " + controller(s.path("controller")));
            }
            return Reply.ok().section("Sessions", lines.isEmpty() ? "No sessions yet: session_open creates one." : String.join("\n", lines));
        });
    }

    private CompletableFuture<Reply> open(ToolCall call) {
        ObjectNode params = call.params();
        for (ParamSpec p : table.find("session.ensure").orElseThrow().params()) {
            call.copy(params, p.name());
        }
        boolean ownTab = call.arg("ownTab") != null && call.arg("ownTab").asBoolean(false);
        params.remove("ownTab");
        return call.hub("session.ensure", params).thenCompose(info -> {
            String id = info.path("id").asText();
            call.agent().defaultSession(id);
            if (ownTab) {
                call.agent().ownTabIn(id);
            }
            Reply reply = Reply.ok().section("Result", "Session \"" + id + "\" is " + info.path("state").asText()
                    + "; browser tools now address it unless given a session. " + controller(info.path("controller")) + ".");
            return call.with(call.params().put("session", id)).withPage(reply);
        });
    }

    private CompletableFuture<Reply> stop(ToolCall call) {
        return call.hub("session.stop", call.params().put("id", call.string("id"))).thenApply(info -> Reply.ok().section("Result",
                "Session \"" + info.path("id").asText() + "\" is " + info.path("state").asText() + "; its profile is kept."));
    }

    private CompletableFuture<Reply> acquire(ToolCall call) {
        String session = call.session();
        ObjectNode params = call.params().put("session", session);
        call.copy(params, "wait", "ttlMs");
        return call.agent().prepare(session).toCompletableFuture().thenCompose(x -> call.hub("control.acquire", params))
                .thenApply(r -> Reply.ok().section("Result", "You control session \"" + session + "\" now: other clients' driving"
                        + " commands are refused until you call control_release, or after " + r.path("ttlMs").asLong() / 1000
                        + " s without a command from you."));
    }

    private CompletableFuture<Reply> release(ToolCall call) {
        String session = call.session();
        return call.hub("control.release", call.params().put("session", session)).thenApply(r -> Reply.ok().section("Result",
                r.path("released").asBoolean() ? "Released control of session \"" + session + "\"."
                        : "You did not hold control of session \"" + session + "\"; nothing changed."));
    }

    private static String tabs(JsonNode tabs) {
        for (JsonNode tab : tabs) {
            if (tab.path("active").asBoolean()) {
                return tabs.size() + (tabs.size() == 1 ? " tab" : " tabs") + ", showing [" + tab.path("title").asText() + "]("
                        + tab.path("url").asText() + ")";
            }
        }
        return tabs.size() + (tabs.size() == 1 ? " tab" : " tabs");
    }

    private static String controller(JsonNode controller) {
        return controller.isObject()
                ? "controlled by " + controller.path("kind").asText() + " \"" + controller.path("name").asText() + "\""
                : "nobody holds control";
    }
}
