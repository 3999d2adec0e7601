package io.browserhub.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * One tool call of an MCP agent: its arguments, the session they address, and the ways a tool reaches the
 * method table (as the agent's client, so every rule of JSON-RPC applies unchanged).
 */
final class ToolCall {

    /** A ref from a snapshot: e5, or f1e5 inside a frame. */
    private static final Pattern REF = Pattern.compile("(f\\d+)?e\\d+");

    private final String tool;
    private final ObjectNode args;
    private final McpAgent agent;
    private final ObjectMapper json;
    private final long actionTimeoutMs;

    ToolCall(String tool, ObjectNode args, McpAgent agent, ObjectMapper json, long actionTimeoutMs) {
        this.tool = tool;
        this.args = args;
        this.agent = agent;
        this.json = json;
        this.actionTimeoutMs = actionTimeoutMs;
    }

    String tool() {
        return tool;
    }

    McpAgent agent() {
        return agent;
    }

    boolean has(String name) {
        JsonNode value = args.get(name);
        return value != null && !value.isNull();
    }

    JsonNode arg(String name) {
        return args.get(name);
    }

    /** A string argument; INVALID_PARAMS when it is missing or not a string. */
    String string(String name) {
        JsonNode value = args.get(name);
        if (value == null || !value.isTextual()) {
            throw HubException.invalidParams(tool + " needs \"" + name + "\" (a string).");
        }
        return value.asText();
    }

    String string(String name, String fallback) {
        return has(name) ? string(name) : fallback;
    }

    boolean bool(String name, boolean fallback) {
        JsonNode value = args.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw HubException.invalidParams("\"" + name + "\" of " + tool + " must be true or false.");
        }
        return value.asBoolean();
    }

    /** The session this call addresses: its session argument, else the connection's default. */
    String session() {
        return string("session", agent.defaultSession());
    }

    ObjectNode params() {
        return json.createObjectNode();
    }

    /** Parameters addressing the session's page (and the connection's tab, when it has one). */
    ObjectNode pageParams() {
        ObjectNode params = params().put("session", session());
        String tab = agent.tab(session());
        if (tab != null) {
            params.put("tab", tab);
        }
        return params;
    }

    /** Page parameters for an element action, with the door's action timeout (Playwright MCP's 5 s by default). */
    ObjectNode actionParams() {
        return pageParams().put("timeoutMs", actionTimeoutMs);
    }

    /**
     * The element the call targets, as a hub selector: ref (Playwright MCP's argument until 0.0.7x) or target
     * (its newer name, which also takes a selector). A snapshot ref such as e5 becomes aria-ref=e5.
     */
    String selector() {
        String given = has("ref") ? string("ref") : has("target") ? string("target") : null;
        if (given == null) {
            throw HubException.invalidParams(tool + " needs \"ref\": the element's ref from the page snapshot, e.g. \"e5\""
                    + " (or \"target\", a ref or a selector).");
        }
        return REF.matcher(given).matches() ? "aria-ref=" + given : given;
    }

    /** How replies name the element: the agent's own description, else its ref. */
    String element() {
        String ref = has("ref") ? string("ref") : string("target", "the element");
        return has("element") ? string("element") + " (" + ref + ")" : ref;
    }

    /** A method that addresses no page (session.list, control.*): run as is. */
    CompletableFuture<JsonNode> hub(String method, ObjectNode params) {
        return agent.call(method, params);
    }

    /** A method on this call's session, once the session is ready for the agent (ensured, watched). */
    CompletableFuture<JsonNode> onSession(String method, ObjectNode params) {
        String session = params.path("session").asText(session());
        return agent.prepare(session).toCompletableFuture()
                .thenCompose(x -> agent.call(method, params))
                .whenComplete((result, failure) -> {
                    if (kindOf(failure) == ErrorCode.SESSION_NOT_FOUND) {
                        agent.forget(session);
                    } else if (kindOf(failure) == ErrorCode.TAB_NOT_FOUND) {
                        agent.forgetTab(session); // its own tab closed: the next call opens another
                    }
                });
    }

    /**
     * Completes at once unless a dialog holds the session's page; then fails with the refusal that shows it, as
     * Playwright MCP's "modal state" (every later command would only wait behind the dialog).
     */
    CompletableFuture<Void> pageFree() {
        DialogWatch.OpenDialog dialog = agent.dialogs().open(session());
        if (dialog == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.failedFuture(new ModalState(Reply.error("Tool \"" + tool + "\" cannot run while a dialog"
                + " holds the page: answer it with browser_handle_dialog first.").section("Modal state", dialog.modalState())));
    }

    /** Copies the arguments that a method takes under the same name and meaning. */
    void copy(ObjectNode params, String... names) {
        for (String name : names) {
            if (has(name)) {
                params.set(name, args.get(name));
            }
        }
    }

    /**
     * A driving method, racing the dialog it may open: when the page opens a dialog first, the call answers with
     * the modal state while the method goes on waiting for browser_handle_dialog (or the hub's dialog timeout).
     */
    CompletableFuture<Acted> act(String method, ObjectNode params) {
        String session = params.path("session").asText(session());
        return agent.prepare(session).toCompletableFuture().thenCompose(x -> {
            DialogWatch dialogs = agent.dialogs();
            CompletableFuture<DialogWatch.OpenDialog> dialog = dialogs.next(session);
            CompletableFuture<Acted> done = onSession(method, params).handle(Acted::new);
            return done.applyToEither(dialog.thenApply(Acted::blocked), a -> a)
                    .whenComplete((a, f) -> dialogs.forget(session, dialog));
        });
    }

    /**
     * Appends the page's state after an action: URL, title and ARIA snapshot with refs for the next call; or the
     * modal state, when the page has opened a dialog meanwhile. The action has happened either way, so a snapshot
     * that fails is reported inside the reply, which stays a success.
     */
    CompletableFuture<Reply> withPage(Reply reply) {
        return act("page.snapshot", pageParams()).thenApply(acted -> {
            if (acted.dialog() != null) {
                return reply.section("Modal state", acted.dialog().modalState());
            }
            if (acted.failure() != null) {
                return reply.section("Page", "- The page state could not be read: " + ToolErrors.sentence(acted.failure(), tool));
            }
            return PageState.append(reply, acted.result());
        });
    }

    /** The same call with other arguments (an element of a list argument), on the same session. */
    ToolCall with(ObjectNode part) {
        ObjectNode copy = part.deepCopy();
        if (has("session")) {
            copy.set("session", args.get("session"));
        }
        return new ToolCall(tool, copy, agent, json, actionTimeoutMs);
    }

    /** The outcome of a driving method: its result, its failure, or the dialog it is waiting behind. */
    record Acted(JsonNode result, Throwable failure, DialogWatch.OpenDialog dialog) {

        Acted(JsonNode result, Throwable failure) {
            this(result, failure, null);
        }

        static Acted blocked(DialogWatch.OpenDialog dialog) {
            return new Acted(null, null, dialog);
        }

        /** The result, or the failure thrown again for the door to turn into an error reply. */
        JsonNode get() {
            if (failure != null) {
                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            }
            return result;
        }
    }

    private static ErrorCode kindOf(Throwable failure) {
        Throwable t = ToolErrors.unwrap(failure);
        return t instanceof HubException hub ? hub.code() : null;
    }
}
