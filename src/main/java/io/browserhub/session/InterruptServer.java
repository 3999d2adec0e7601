package io.browserhub.session;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Runs interrupting work (dialog answers) while the current command is blocked by the page, until {@code done} or the
 * timeout: what a dialog callback calls while it waits for its answer. The actor implements it.
 */
@FunctionalInterface
interface InterruptServer {
    void serveUntil(BooleanSupplier done, Duration timeout);
}
