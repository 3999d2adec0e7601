package io.browserhub.session;

import com.microsoft.playwright.Dialog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JavaScript dialogs (alert, confirm, prompt, beforeunload) of a session. A dialog blocks the command that
 * opened it, so the answer either was given beforehand (armed) or arrives as an interrupting command while
 * the actor waits inside the dialog callback; nobody answering means it is dismissed after a timeout.
 * Actor thread only.
 */
public final class Dialogs {

    private final String sessionId;
    private final SessionEvents events;
    private final SessionActor actor;
    private final Duration timeout;
    private Answer armed;
    private Dialog pending;
    private String pendingTab;
    private int opened;
    private Map<String, Object> lastClosed;

    /** How to answer a dialog. */
    public record Answer(boolean accept, String promptText) {
    }

    Dialogs(String sessionId, SessionEvents events, SessionActor actor, Duration timeout) {
        this.sessionId = sessionId;
        this.events = events;
        this.actor = actor;
        this.timeout = timeout;
    }

    void onDialog(Dialog dialog, String tab) {
        opened++;
        Map<String, Object> data = describe(dialog);
        // whether the page now waits for someone to answer (an MCP door reports that as the page's state)
        data.put("answeredInAdvance", armed != null);
        events.emit(sessionId, "page.dialog", tab, data);
        if (armed != null) {
            Answer answer = armed;
            armed = null;
            apply(dialog, tab, answer, "answered in advance");
            return;
        }
        pending = dialog;
        pendingTab = tab;
        actor.serveInterrupts(() -> pending == null, timeout);
        if (pending == dialog) {
            pending = null;
            apply(dialog, tab, new Answer(false, null), "dismissed: nobody answered within " + timeout.toMillis() + " ms");
        }
    }

    /**
     * Answers the open dialog; with none open, keeps the answer for the next dialog. Returns what happened,
     * for the caller's result.
     */
    public Map<String, Object> answer(Answer answer) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (pending == null) {
            armed = answer;
            result.put("answered", false);
            result.put("armed", true);
            return result;
        }
        Dialog dialog = pending;
        pending = null;
        result.putAll(describe(dialog));
        apply(dialog, pendingTab, answer, "answered");
        result.put("answered", true);
        return result;
    }

    private void apply(Dialog dialog, String tab, Answer answer, String how) {
        if (answer.accept()) {
            if (answer.promptText() != null) {
                dialog.accept(answer.promptText());
            } else {
                dialog.accept();
            }
        } else {
            dialog.dismiss();
        }
        Map<String, Object> data = describe(dialog);
        data.put("accepted", answer.accept());
        data.put("how", how);
        lastClosed = data;
        events.emit(sessionId, "page.dialog.closed", tab, data);
    }

    /** How many dialogs the session's pages have opened: compare before and after a command. */
    public int opened() {
        return opened;
    }

    /** The last dialog closed: type, message, defaultValue, accepted, how; null when none was. */
    public Map<String, Object> lastClosed() {
        return lastClosed == null ? null : new LinkedHashMap<>(lastClosed);
    }

    private static Map<String, Object> describe(Dialog dialog) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", dialog.type());
        data.put("message", dialog.message());
        data.put("defaultValue", dialog.defaultValue());
        return data;
    }
}
