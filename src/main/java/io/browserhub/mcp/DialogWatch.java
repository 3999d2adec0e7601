package io.browserhub.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The JavaScript dialogs waiting for an answer in the sessions one MCP agent uses, from the sessions' events
 * (page.dialog, page.dialog.closed, session.state). A dialog holds the page: the command that opened it waits,
 * and so would every later one. Playwright MCP reports such a dialog as the page's "modal state" and lets only
 * browser_handle_dialog through; so does the door, with this.
 */
final class DialogWatch {

    /** A dialog the page waits on. */
    record OpenDialog(String type, String message) {

        /** Playwright MCP's line for it. */
        String modalState() {
            return "- [\"" + type + "\" dialog with message \"" + message + "\"]: can be handled by browser_handle_dialog";
        }
    }

    private final Map<String, OpenDialog> open = new HashMap<>();
    private final Map<String, List<CompletableFuture<OpenDialog>>> waiting = new HashMap<>();

    /** One event notification's params {session, kind, data}; the kinds this watch subscribed to. */
    void event(JsonNode params) {
        String session = params.path("session").asText();
        String kind = params.path("kind").asText();
        JsonNode data = params.path("data");
        List<CompletableFuture<OpenDialog>> toWake = List.of();
        OpenDialog dialog = null;
        synchronized (this) {
            if (kind.equals("page.dialog") && !data.path("answeredInAdvance").asBoolean(false)) {
                dialog = new OpenDialog(data.path("type").asText(), data.path("message").asText());
                open.put(session, dialog);
                toWake = waiting.remove(session);
                toWake = toWake == null ? List.of() : toWake;
            } else if (kind.equals("page.dialog.closed") || kind.equals("session.state")) {
                open.remove(session); // answered, dismissed, or the browser went away with it
            }
        }
        OpenDialog opened = dialog;
        // never on the caller's thread: that is the session's actor, inside Playwright's dialog callback
        toWake.forEach(f -> CompletableFuture.runAsync(() -> f.complete(opened)));
    }

    /** The dialog the session's page waits on now, or null. */
    synchronized OpenDialog open(String session) {
        return open.get(session);
    }

    /** Completes when a dialog opens in the session and waits for an answer; {@link #forget} it when no longer needed. */
    synchronized CompletableFuture<OpenDialog> next(String session) {
        CompletableFuture<OpenDialog> future = new CompletableFuture<>();
        waiting.computeIfAbsent(session, s -> new ArrayList<>()).add(future);
        return future;
    }

    synchronized void forget(String session, CompletableFuture<OpenDialog> future) {
        List<CompletableFuture<OpenDialog>> list = waiting.get(session);
        if (list != null) {
            list.remove(future);
            if (list.isEmpty()) {
                waiting.remove(session);
            }
        }
    }
}
