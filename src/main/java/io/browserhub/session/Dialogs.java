package io.browserhub.session;

import com.microsoft.playwright.Dialog;
import io.browserhub.session.event.DialogClosed;
import io.browserhub.session.event.DialogOpened;
import java.time.Duration;

/**
 * JavaScript dialogs (alert, confirm, prompt, beforeunload) of a session. A dialog blocks the command that
 * opened it, so the answer either was given beforehand (armed) or arrives as an interrupting command while
 * the actor waits inside the dialog callback; nobody answering means it is dismissed after a timeout.
 * Actor thread only.
 */
public final class Dialogs {

    private final String sessionId;
    private final SessionEvents events;
    private final InterruptServer interrupts;
    private final Duration timeout;
    private Answer armed;
    private Dialog pending;
    private String pendingTab;
    private int opened;
    private DialogClosed lastClosed;

    /** How to answer a dialog. */
    public record Answer(boolean accept, String promptText) {
    }

    /**
     * What page.handleDialog did: answered the open dialog (its type, message and default value), or, with none open,
     * armed the answer for the next one. Absent fields are null.
     */
    public record Handled(String type, String message, String defaultValue, boolean answered, Boolean armed) {
    }

    Dialogs(String sessionId, SessionEvents events, InterruptServer interrupts, Duration timeout) {
        this.sessionId = sessionId;
        this.events = events;
        this.interrupts = interrupts;
        this.timeout = timeout;
    }

    void onDialog(Dialog dialog, String tab) {
        opened++;
        // whether the page now waits for someone to answer (the MCP door reports that as the page's state)
        events.emit(sessionId, tab, new DialogOpened(dialog.type(), dialog.message(), dialog.defaultValue(), armed != null));
        if (armed != null) {
            Answer answer = armed;
            armed = null;
            apply(dialog, tab, answer, "answered in advance");
            return;
        }
        pending = dialog;
        pendingTab = tab;
        interrupts.serveUntil(() -> pending == null, timeout);
        if (pending == dialog) {
            pending = null;
            apply(dialog, tab, new Answer(false, null), "dismissed: nobody answered within " + timeout.toMillis() + " ms");
        }
    }

    /** Answers the open dialog; with none open, keeps the answer for the next dialog. */
    public Handled answer(Answer answer) {
        if (pending == null) {
            armed = answer;
            return new Handled(null, null, null, false, true);
        }
        Dialog dialog = pending;
        pending = null;
        apply(dialog, pendingTab, answer, "answered");
        return new Handled(dialog.type(), dialog.message(), dialog.defaultValue(), true, null);
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
        lastClosed = new DialogClosed(dialog.type(), dialog.message(), dialog.defaultValue(), answer.accept(), how);
        events.emit(sessionId, tab, lastClosed);
    }

    /** How many dialogs the session's pages have opened: compare before and after a command. */
    public int opened() {
        return opened;
    }

    /** The last dialog closed; null when none was. */
    public DialogClosed lastClosed() {
        return lastClosed;
    }
}
