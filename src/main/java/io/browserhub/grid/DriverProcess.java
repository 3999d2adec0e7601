package io.browserhub.grid;

import com.microsoft.playwright.Playwright;
import java.lang.reflect.Field;
import java.util.Optional;

/**
 * The Playwright driver process of one Playwright instance. Ending it fails every Playwright call of its owner at once,
 * from any thread: how a remote browser that hangs is let go. Read by reflection (PlaywrightImpl.driverProcess); when
 * Playwright changes shape this finds nothing, and ending the Grid session alone must free the actor.
 */
final class DriverProcess {

    private DriverProcess() {
    }

    static Optional<ProcessHandle> of(Playwright playwright) {
        try {
            Field f = playwright.getClass().getDeclaredField("driverProcess");
            f.setAccessible(true);
            return Optional.ofNullable((Process) f.get(playwright)).map(Process::toHandle);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
