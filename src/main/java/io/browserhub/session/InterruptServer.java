package io.browserhub.session;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** How the actor thread waits inside a command without missing what Playwright delivers meanwhile. The actor implements it. */
interface InterruptServer {

    /**
     * Runs interrupting work (dialog answers) while the current command is blocked by the page, until {@code done} or
     * the timeout: what a dialog callback calls while it waits for its answer.
     */
    void serveUntil(BooleanSupplier done, Duration timeout);

    /**
     * Lets Playwright deliver events (a dialog's among them, whose callback then serves the answer) until {@code done},
     * the timeout, or the loss of the browser; runs no interrupting work itself: a dialog answer that comes before its
     * dialog waits for it, as it does while a command waits inside Playwright. Returns at once when woken and done.
     */
    void pumpUntil(BooleanSupplier done, Duration timeout);
}
