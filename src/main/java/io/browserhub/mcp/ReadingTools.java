package io.browserhub.mcp;

import static io.browserhub.mcp.Args.element;
import static io.browserhub.mcp.Args.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.error.HubException;
import io.browserhub.mcp.McpTool.Effect;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Playwright MCP's tools that only look at a page: snapshot, screenshot, console messages, network requests. */
@ApplicationScoped
class ReadingTools implements McpToolFamily {

    /** Requests an agent asks about: the page's own calls; documents, scripts, styles and images only when asked. */
    private static final Set<String> DYNAMIC = Set.of("fetch", "xhr", "eventsource", "websocket");

    @Override
    public List<McpTool> tools() {
        return List.of(
                read("browser_snapshot", "Page snapshot", "Capture accessibility snapshot of the current page, this is better"
                                + " than screenshot. Its refs ([ref=eN]) are what ref takes in the next call.",
                        session(ToolSchema.object()
                                .string("selector", "Only this element: a Playwright selector (CSS, text=, role=, ...)")
                                .string("target", "Only this element: a ref from the last snapshot, or a selector")
                                .integer("maxChars", "At most this many characters of snapshot (cut at a line end), to fit"
                                        + " your budget")
                                .integer("depth", "Limit the depth of the snapshot tree")),
                        this::snapshot),
                read("browser_take_screenshot", "Take a screenshot", "Take a screenshot of the current page. You can't"
                                + " perform actions based on the screenshot, use browser_snapshot for actions.",
                        session(element(ToolSchema.object())
                                .choice("type", "Image format for the screenshot. Default is png.", List.of("png", "jpeg"))
                                .bool("fullPage", "When true, takes a screenshot of the full scrollable page, instead of the"
                                        + " currently visible viewport. Cannot be used with element screenshots.")),
                        this::screenshot),
                read("browser_console_messages", "Get console messages", "Returns all console messages",
                        session(ToolSchema.object()
                                .choice("level", "Level of the console messages to return. Each level includes the messages of"
                                        + " more severe levels. Defaults to \"info\".", List.of("error", "warning", "info", "debug"))
                                .bool("all", "Return all console messages since the beginning of the session, not just since"
                                        + " the last navigation. Defaults to false.")),
                        this::console),
                read("browser_network_requests", "List network requests", "Returns a numbered list of network requests"
                                + " since loading the page.",
                        session(ToolSchema.object()
                                .bool("static", "Whether to include successful static resources like images, fonts, scripts,"
                                        + " etc. Defaults to false.")
                                .string("filter", "Only return requests whose URL matches this regexp (e.g. \"/api/.*user\").")),
                        this::network));
    }

    private static McpTool read(String name, String title, String description, ToolSchema schema, McpTool.Handler handler) {
        return new McpTool(name, title, description, schema.build(), Effect.READS_PAGE, handler);
    }

    private CompletableFuture<Reply> snapshot(ToolCall call) {
        ObjectNode params = call.pageParams();
        if (call.has("selector")) {
            params.put("selector", call.string("selector"));
        } else if (call.has("target")) {
            params.put("selector", call.selector());
        }
        call.copy(params, "maxChars", "depth");
        return call.pageFree().thenCompose(x -> call.onSession("page.snapshot", params))
                .thenApply(snapshot -> PageState.append(Reply.ok(), snapshot));
    }

    private CompletableFuture<Reply> screenshot(ToolCall call) {
        ObjectNode params = call.pageParams().put("format", call.string("type", "png"));
        boolean ofElement = call.has("ref") || call.has("target");
        if (ofElement) {
            params.put("selector", call.selector());
        }
        call.copy(params, "fullPage");
        String of = ofElement ? call.element() : call.bool("fullPage", false) ? "full page" : "viewport";
        return call.pageFree().thenCompose(x -> call.onSession("page.screenshot", params)).thenApply(shot -> Reply.ok()
                .section("Result", "- Screenshot of " + of + " (" + shot.path("width").asInt() + "x" + shot.path("height").asInt()
                        + ", " + shot.path("mimeType").asText() + "), saved on the hub as " + shot.path("path").asText())
                .image(shot.path("data").asText(), shot.path("mimeType").asText()));
    }

    private CompletableFuture<Reply> console(ToolCall call) {
        ObjectNode params = call.pageParams().put("level", call.string("level", "info"));
        call.copy(params, "all");
        return call.pageFree().thenCompose(x -> call.onSession("page.consoleMessages", params)).thenApply(r -> {
            List<String> lines = new ArrayList<>();
            int errors = 0;
            int warnings = 0;
            for (JsonNode m : r.path("messages")) {
                String type = m.path("type").asText();
                errors += type.equals("error") ? 1 : 0;
                warnings += type.equals("warning") ? 1 : 0;
                lines.add("[" + type.toUpperCase(Locale.ROOT) + "] " + m.path("text").asText() + " @ " + m.path("location").asText());
            }
            for (JsonNode e : r.path("errors")) {
                errors++;
                lines.add("[PAGEERROR] " + e.asText().lines().findFirst().orElse(""));
            }
            String total = "Total messages: " + lines.size() + " (Errors: " + errors + ", Warnings: " + warnings + ")";
            return Reply.ok().section("Result", lines.isEmpty() ? total : total + "\n\n" + String.join("\n", lines));
        });
    }

    private CompletableFuture<Reply> network(ToolCall call) {
        boolean all = call.bool("static", false);
        Pattern filter = call.has("filter") ? pattern(call.string("filter")) : null;
        return call.pageFree().thenCompose(x -> call.onSession("page.requests", call.pageParams())).thenApply(r -> {
            List<String> lines = new ArrayList<>();
            int hidden = 0;
            for (JsonNode request : r.path("requests")) {
                String url = request.path("url").asText();
                if (filter != null && !filter.matcher(url).find()) {
                    continue;
                }
                if (!all && isStatic(request)) {
                    hidden++;
                    continue;
                }
                lines.add((lines.size() + 1) + ". [" + request.path("method").asText() + "] " + url + " => " + outcome(request));
            }
            String text = String.join("\n", lines);
            if (hidden > 0) {
                text += (text.isEmpty() ? "" : "\n\n") + "Note: " + hidden + (hidden == 1 ? " static request" : " static requests")
                        + " not shown, run with \"static\" option to see " + (hidden == 1 ? "it." : "them.");
            }
            return Reply.ok().section("Result", text.isEmpty() ? "No requests." : text);
        });
    }

    private static boolean isStatic(JsonNode request) {
        return !DYNAMIC.contains(request.path("resourceType").asText()) && request.path("failure").isNull()
                && request.path("status").asInt(0) < 400;
    }

    private static String outcome(JsonNode request) {
        if (!request.path("failure").isNull()) {
            return "[FAILED] " + request.path("failure").asText();
        }
        if (request.path("status").isNull()) {
            return "(pending)";
        }
        return "[" + request.path("status").asInt() + "] " + request.path("statusText").asText();
    }

    private static Pattern pattern(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw HubException.invalidParams("\"filter\" is not a regular expression: " + e.getDescription() + ".");
        }
    }
}
