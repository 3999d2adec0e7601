package io.browserhub.mcp;

import static io.browserhub.mcp.Args.element;
import static io.browserhub.mcp.Args.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.error.HubException;
import io.browserhub.mcp.McpTool.Effect;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Playwright MCP's tools that drive a page: navigation, clicks, typing, forms, keys, waits, dialogs, scripts,
 * uploads, the viewport. Each one is a few page.* methods of the table; the reply says what happened, then shows
 * the page as it is now.
 */
@ApplicationScoped
class PageTools implements McpToolFamily {

    /** Playwright MCP's own bound on browser_wait_for's time. */
    private static final double MAX_WAIT_SECONDS = 30;
    /** The file input a click has just focused: what browser_file_upload fills when given no element. */
    private static final String FOCUSED_FILE_INPUT = "input[type=file]:focus";

    private final ObjectMapper json;

    PageTools(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public List<McpTool> tools() {
        return List.of(
                drive("browser_navigate", "Navigate to a URL", "Navigate to a URL",
                        session(ToolSchema.object().string("url", "The URL to navigate to").required("url")),
                        call -> step(call, "page.goto", call.pageParams().put("url", call.string("url")),
                                r -> "Navigated to " + r.path("url").asText() + status(r))),
                drive("browser_navigate_back", "Go back", "Go back to the previous page in the history",
                        session(ToolSchema.object()),
                        call -> step(call, "page.back", call.pageParams(), r -> "Went back to " + r.path("url").asText())),
                drive("browser_click", "Click", "Perform click on a web page",
                        session(element(ToolSchema.object())
                                .bool("doubleClick", "Whether to perform a double click instead of a single click")
                                .choice("button", "Button to click, defaults to left", List.of("left", "right", "middle"))
                                .choices("modifiers", "Modifier keys to press",
                                        List.of("Alt", "Control", "ControlOrMeta", "Meta", "Shift"))),
                        this::click),
                drive("browser_type", "Type text", "Type text into editable element",
                        session(element(ToolSchema.object())
                                .string("text", "Text to type into the element")
                                .bool("submit", "Whether to submit entered text (press Enter after)")
                                .bool("slowly", "Whether to type one character at a time. Useful for triggering key handlers"
                                        + " in the page. By default entire text is filled in at once.")
                                .required("text")),
                        this::type),
                drive("browser_fill_form", "Fill form", "Fill multiple form fields",
                        session(ToolSchema.object().array("fields", "Fields to fill in", element(ToolSchema.object())
                                .string("name", "Human-readable field name")
                                .choice("type", "Type of the field", FormField.TYPES)
                                .string("value", "Value to fill in the field. If the field is a checkbox, the value should be"
                                        + " `true` or `false`. If the field is a combobox, the value should be the text of the option.")
                                .required("name", "type", "value")).required("fields")),
                        this::fillForm),
                drive("browser_select_option", "Select option", "Select an option in a dropdown",
                        session(element(ToolSchema.object()).strings("values", "Array of values to select in the dropdown."
                                + " This can be a single value or multiple values.").required("values")),
                        call -> step(call, "page.selectOption", elementParams(call).set("values", call.arg("values")),
                                r -> "Selected " + r.path("selected") + " in " + call.element())),
                drive("browser_hover", "Hover mouse", "Hover over element on page",
                        session(element(ToolSchema.object())),
                        call -> step(call, "page.hover", elementParams(call), r -> "Hovered over " + call.element())),
                drive("browser_press_key", "Press a key", "Press a key on the keyboard",
                        session(ToolSchema.object().string("key", "Name of the key to press or a character to generate, such"
                                + " as `ArrowLeft` or `a`").required("key")),
                        call -> step(call, "page.press", call.pageParams().put("key", call.string("key")),
                                r -> "Pressed " + call.string("key"))),
                drive("browser_wait_for", "Wait for", "Wait for text to appear or disappear or a specified time to pass",
                        session(ToolSchema.object()
                                .number("time", "The time to wait in seconds, at most 30")
                                .string("text", "The text to wait for")
                                .string("textGone", "The text to wait for to disappear")),
                        this::waitFor),
                drive("browser_handle_dialog", "Handle a dialog", "Handle a dialog",
                        session(ToolSchema.object().bool("accept", "Whether to accept the dialog.")
                                .string("promptText", "The text of the prompt in case of a prompt dialog.").required("accept")),
                        this::handleDialog),
                drive("browser_evaluate", "Evaluate JavaScript", "Evaluate JavaScript expression on page or element",
                        session(element(ToolSchema.object()).string("function", "() => { /* code */ } or (element) => {"
                                + " /* code */ } when element is provided").required("function")),
                        this::evaluate),
                drive("browser_file_upload", "Upload files", "Upload one or multiple files",
                        session(element(ToolSchema.object()).strings("paths", "The absolute paths of the files to upload, on"
                                + " the hub's machine; omitted or empty clears the choice. Without ref, the file input the"
                                + " last click focused.")),
                        this::fileUpload),
                drive("browser_resize", "Resize browser window", "Resize the browser window",
                        session(ToolSchema.object().number("width", "Width of the browser window")
                                .number("height", "Height of the browser window").required("width", "height")),
                        call -> {
                            ObjectNode params = call.pageParams().set("width", call.arg("width"));
                            params.set("height", call.arg("height"));
                            return call.pageFree().thenCompose(x -> call.onSession("page.setViewport", params))
                                    .thenApply(r -> Reply.ok().section("Result", "Resized the viewport to "
                                            + call.arg("width") + "x" + call.arg("height")));
                        }));
    }

    private static McpTool drive(String name, String title, String description, ToolSchema schema, McpTool.Handler handler) {
        return new McpTool(name, title, description, schema.build(), Effect.DRIVES_PAGE, handler);
    }

    private CompletableFuture<Reply> click(ToolCall call) {
        ObjectNode params = elementParams(call);
        boolean twice = call.bool("doubleClick", false);
        if (twice) {
            params.put("clickCount", 2);
        }
        String button = call.string("button", "left");
        params.put("button", button);
        if (call.has("modifiers")) {
            params.set("modifiers", call.arg("modifiers"));
        }
        String verb = (twice ? "Double-clicked" : "Clicked") + (button.equals("left") ? "" : " (" + button + " button)");
        return step(call, "page.click", params, r -> verb + " " + call.element());
    }

    private CompletableFuture<Reply> type(ToolCall call) {
        String text = call.string("text");
        List<Step> steps = new ArrayList<>();
        if (call.bool("slowly", false)) {
            steps.add(new Step("page.type", elementParams(call).put("text", text)));
        } else {
            steps.add(new Step("page.fill", elementParams(call).put("value", text)));
        }
        boolean submit = call.bool("submit", false);
        if (submit) {
            steps.add(new Step("page.press", elementParams(call).put("key", "Enter")));
        }
        return steps(call, steps, "Typed " + text.length() + " characters into " + call.element()
                + (submit ? " and pressed Enter" : ""));
    }

    private CompletableFuture<Reply> fillForm(ToolCall call) {
        JsonNode fields = call.arg("fields");
        if (fields == null || !fields.isArray() || fields.isEmpty()) {
            throw HubException.invalidParams("browser_fill_form needs \"fields\": [{name, type, ref, value}, ...].");
        }
        List<Step> steps = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode field : fields) {
            if (!field.isObject()) {
                throw HubException.invalidParams("Each field of browser_fill_form is an object {name, type, ref, value}.");
            }
            ToolCall one = call.with((ObjectNode) field);
            steps.add(FormField.step(one.string("type"), one.string("value"), elementParams(one)));
            names.add(one.string("name"));
        }
        return steps(call, steps, "Filled " + names.size() + (names.size() == 1 ? " field: " : " fields: ") + String.join(", ", names));
    }

    private CompletableFuture<Reply> waitFor(ToolCall call) {
        if (!call.has("time") && !call.has("text") && !call.has("textGone")) {
            throw HubException.invalidParams("browser_wait_for needs one of \"time\" (seconds), \"text\" or \"textGone\".");
        }
        List<String> waited = new ArrayList<>();
        CompletableFuture<Void> time = CompletableFuture.completedFuture(null);
        if (call.has("time")) {
            JsonNode seconds = call.arg("time");
            if (!seconds.isNumber() || seconds.asDouble() < 0 || seconds.asDouble() > MAX_WAIT_SECONDS) {
                throw HubException.invalidParams("\"time\" of browser_wait_for is 0 to " + (int) MAX_WAIT_SECONDS + " seconds.");
            }
            // a pause on the agent's side: no page command, the session stays free for everyone else meanwhile
            long ms = Math.round(seconds.asDouble() * 1000);
            time = CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS));
            waited.add(seconds.asDouble() + " seconds");
        }
        List<Step> steps = new ArrayList<>();
        if (call.has("text")) {
            steps.add(new Step("page.waitFor", call.pageParams().put("text", call.string("text")).put("state", "visible")));
            waited.add("\"" + call.string("text") + "\" to appear");
        }
        if (call.has("textGone")) {
            steps.add(new Step("page.waitFor", call.pageParams().put("text", call.string("textGone")).put("state", "hidden")));
            waited.add("\"" + call.string("textGone") + "\" to disappear");
        }
        String said = "Waited for " + String.join(", then ", waited);
        return time.thenCompose(x -> steps.isEmpty() ? call.pageFree().thenCompose(y -> call.withPage(Reply.ok().section("Result", said)))
                : steps(call, steps, said));
    }

    private CompletableFuture<Reply> handleDialog(ToolCall call) {
        ObjectNode params = call.pageParams().put("accept", call.bool("accept", true));
        if (call.has("promptText")) {
            params.put("promptText", call.string("promptText"));
        }
        return call.onSession("page.handleDialog", params).thenCompose(r -> {
            if (!r.path("answered").asBoolean(false)) {
                return CompletableFuture.completedFuture(Reply.ok().section("Result", "No dialog was open: the answer is kept"
                        + " for the next one the page opens."));
            }
            String said = (call.bool("accept", true) ? "Accepted" : "Dismissed") + " the " + r.path("type").asText()
                    + " dialog \"" + r.path("message").asText() + "\"";
            return call.withPage(Reply.ok().section("Result", said));
        });
    }

    private CompletableFuture<Reply> evaluate(ToolCall call) {
        ObjectNode params = call.pageParams().put("function", call.string("function"));
        if (call.has("ref") || call.has("target")) {
            params.put("selector", call.selector());
        }
        return call.pageFree().thenCompose(x -> call.act("page.evaluate", params)).thenApply(acted -> acted.dialog() != null
                ? blocked(call, acted)
                : Reply.ok().section("Result", pretty(acted.get().get("value"))));
    }

    private CompletableFuture<Reply> fileUpload(ToolCall call) {
        boolean given = call.has("ref") || call.has("target");
        ObjectNode params = (given ? call.actionParams().put("selector", call.selector())
                : call.actionParams().put("selector", FOCUSED_FILE_INPUT));
        JsonNode paths = call.has("paths") ? call.arg("paths") : json.createArrayNode();
        params.set("paths", paths);
        String which = given ? call.element() : "the focused file input";
        return step(call, "page.setInputFiles", params, r -> paths.isEmpty() ? "Cleared the file choice of " + which
                : "Chose " + paths.size() + (paths.size() == 1 ? " file" : " files") + " for " + which);
    }

    /** One driving method; the reply says what happened (from its result) and shows the page. */
    private CompletableFuture<Reply> step(ToolCall call, String method, ObjectNode params, Function<JsonNode, String> said) {
        return call.pageFree().thenCompose(x -> call.act(method, params)).thenCompose(acted -> acted.dialog() != null
                ? CompletableFuture.completedFuture(blocked(call, acted))
                : call.withPage(Reply.ok().section("Result", said.apply(acted.get()))));
    }

    /** Several driving methods in order, stopping at the first failure or dialog. */
    private CompletableFuture<Reply> steps(ToolCall call, List<Step> steps, String said) {
        CompletableFuture<ToolCall.Acted> chain = call.pageFree().thenApply(x -> new ToolCall.Acted(null, null));
        for (Step step : steps) {
            chain = chain.thenCompose(previous -> previous.dialog() != null || previous.failure() != null
                    ? CompletableFuture.completedFuture(previous)
                    : call.act(step.method(), step.params()));
        }
        return chain.thenCompose(acted -> {
            if (acted.dialog() != null) {
                return CompletableFuture.completedFuture(blocked(call, acted));
            }
            acted.get();
            return call.withPage(Reply.ok().section("Result", said));
        });
    }


    private static Reply blocked(ToolCall call, ToolCall.Acted acted) {
        return Reply.ok().section("Result", call.tool() + " opened a dialog; the page waits for browser_handle_dialog.")
                .section("Modal state", acted.dialog().modalState());
    }

    private static ObjectNode elementParams(ToolCall call) {
        return call.actionParams().put("selector", call.selector());
    }

    private static String status(JsonNode gotoResult) {
        JsonNode status = gotoResult.path("status");
        return status.isInt() && status.asInt() != 200 ? " (HTTP status " + status.asInt() + ")" : "";
    }

    private String pretty(JsonNode value) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
