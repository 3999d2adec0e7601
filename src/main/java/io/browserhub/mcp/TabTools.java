package io.browserhub.mcp;

import static io.browserhub.mcp.Args.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.error.HubException;
import io.browserhub.mcp.McpTool.Effect;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * browser_tabs: Playwright MCP numbers tabs 0, 1, ... in the order they opened; the hub names them t1, t2, ...
 * in that same order, so an index is the position in tab.list.
 */
@ApplicationScoped
class TabTools implements McpToolFamily {

    @Override
    public List<McpTool> tools() {
        return List.of(new McpTool("browser_tabs", "Manage tabs", "List, create, close, or select a browser tab.",
                session(ToolSchema.object()
                        .choice("action", "Operation to perform", List.of("list", "new", "close", "select"))
                        .number("index", "Tab index, used for close/select. If omitted for close, current tab is closed.")
                        .string("url", "URL to navigate to in the new tab, used for new.")
                        .required("action")).build(),
                Effect.DRIVES_PAGE, this::tabs));
    }

    private CompletableFuture<Reply> tabs(ToolCall call) {
        String action = call.string("action");
        return switch (action) {
            case "list" -> list(call).thenApply(tabs -> Reply.ok().section("Result", render(tabs)));
            case "new" -> {
                var params = call.pageParams();
                if (call.has("url")) {
                    params.put("url", call.string("url"));
                }
                yield call.pageFree().thenCompose(x -> call.onSession("tab.new", params)).thenCompose(tab -> listed(call));
            }
            case "select" -> call.pageFree().thenCompose(x -> list(call)).thenCompose(tabs -> call.onSession("tab.activate",
                    call.pageParams().put("tab", idAt(tabs, call, true)))).thenCompose(tab -> listed(call));
            case "close" -> call.pageFree().thenCompose(x -> list(call)).thenCompose(tabs -> call.onSession("tab.close",
                    call.pageParams().put("tab", idAt(tabs, call, false)))).thenCompose(closed -> listed(call));
            default -> throw HubException.invalidParams("\"action\" of browser_tabs is list, new, close or select, not \"" + action + "\".");
        };
    }

    private static CompletableFuture<List<JsonNode>> list(ToolCall call) {
        return call.onSession("tab.list", call.pageParams()).thenApply(r -> {
            List<JsonNode> tabs = new ArrayList<>();
            r.path("tabs").forEach(tabs::add);
            return tabs;
        });
    }

    /** The tabs as they are now, then the page of the active one. */
    private static CompletableFuture<Reply> listed(ToolCall call) {
        return list(call).thenCompose(tabs -> call.withPage(Reply.ok().section("Open tabs", render(tabs))));
    }

    /** The hub's id of the tab at the call's index; without an index (close only), the active tab's. */
    private static String idAt(List<JsonNode> tabs, ToolCall call, boolean indexRequired) {
        if (!call.has("index")) {
            if (indexRequired) {
                throw HubException.invalidParams("browser_tabs select needs \"index\", a tab's number from the list.");
            }
            return tabs.stream().filter(t -> t.path("active").asBoolean()).findFirst()
                    .orElseThrow(() -> HubException.invalidParams("No tab is active; give \"index\"."))
                    .path("id").asText();
        }
        JsonNode index = call.arg("index");
        if (!index.canConvertToInt() || index.asDouble() != Math.rint(index.asDouble()) || index.asInt() < 0 || index.asInt() >= tabs.size()) {
            throw HubException.invalidParams("There is no tab " + index + "; the session has " + tabs.size()
                    + (tabs.size() == 1 ? " tab (index 0)." : " tabs (index 0 to " + (tabs.size() - 1) + ")."));
        }
        return tabs.get(index.asInt()).path("id").asText();
    }

    /** Playwright MCP's tab list: "- 0: (current) [Title](url)". */
    private static String render(List<JsonNode> tabs) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < tabs.size(); i++) {
            JsonNode tab = tabs.get(i);
            lines.add("- " + i + ": " + (tab.path("active").asBoolean() ? "(current) " : "") + "[" + tab.path("title").asText() + "]("
                    + tab.path("url").asText() + ")");
        }
        return String.join("\n", lines);
    }
}
