package io.browserhub.browser;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Playwright;
import java.lang.reflect.Field;
import java.util.concurrent.BlockingQueue;
import org.jboss.logging.Logger;

/**
 * Wakes a thread that waits inside Playwright Java. Its connection polls the driver pipe in 10 ms slices and looks at
 * a wait's condition only when a message arrives or a slice ends; an empty message put on the pipe's incoming queue
 * is dispatched as nothing (Connection.dispatch ignores a message without id and method) and makes the waiting thread
 * check its condition at once. Reaches Playwright's internals by reflection (PlaywrightImpl.connection ->
 * Connection.transport -> PipeTransport.incoming); when they change shape this degrades to no wake-up, and the actor
 * notices new work at the end of its polling slice as before.
 */
public final class PlaywrightWakeup {

    private static final Logger LOG = Logger.getLogger(PlaywrightWakeup.class);
    private static final PlaywrightWakeup NONE = new PlaywrightWakeup(null);
    private static volatile boolean warned;

    private final BlockingQueue<JsonObject> incoming;

    private PlaywrightWakeup(BlockingQueue<JsonObject> incoming) {
        this.incoming = incoming;
    }

    public static PlaywrightWakeup of(Playwright playwright) {
        try {
            Object connection = field(Class.forName("com.microsoft.playwright.impl.ChannelOwner"), "connection").get(playwright);
            Object transport = field(connection.getClass(), "transport").get(connection);
            @SuppressWarnings("unchecked")
            BlockingQueue<JsonObject> incoming = (BlockingQueue<JsonObject>) field(transport.getClass(), "incoming").get(transport);
            return new PlaywrightWakeup(incoming);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.infof("Idle sessions notice commands within 10 ms instead of at once: Playwright's transport is not the expected one (%s)", e);
            }
            return NONE;
        }
    }

    /** Any thread. A full queue is busy anyway: the waiting thread looks at its condition after every message. */
    public void wake() {
        if (incoming != null) {
            incoming.offer(new JsonObject());
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
