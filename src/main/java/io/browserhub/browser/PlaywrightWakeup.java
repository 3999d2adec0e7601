package io.browserhub.browser;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Playwright;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.jboss.logging.Logger;

/**
 * Wakes a thread that waits inside Playwright Java. Its connection polls the driver pipe in 10 ms slices and looks at
 * a wait's condition only when a message arrives or a slice ends; an empty message put on the pipe's incoming queue
 * is dispatched as nothing (Connection.dispatch ignores a message without id and method) and makes the waiting thread
 * check its condition at once. Reaches Playwright's internals by reflection ({@link #PATH}); when they change shape
 * this degrades to no wake-up, and the actor notices new work at the end of its polling slice as before.
 */
public final class PlaywrightWakeup {

    /**
     * The fields read, from the Playwright object to its pipe's queue: ChannelOwner.connection ->
     * Connection.transport -> PipeTransport.incoming. A native build registers exactly these for reflection.
     */
    public static final List<String> PATH = List.of(
            "com.microsoft.playwright.impl.ChannelOwner.connection",
            "com.microsoft.playwright.impl.Connection.transport",
            "com.microsoft.playwright.impl.PipeTransport.incoming");

    private static final Logger LOG = Logger.getLogger(PlaywrightWakeup.class);
    private static final PlaywrightWakeup NONE = new PlaywrightWakeup(null);
    private static volatile boolean warned;

    private final BlockingQueue<JsonObject> incoming;

    private PlaywrightWakeup(BlockingQueue<JsonObject> incoming) {
        this.incoming = incoming;
    }

    public static PlaywrightWakeup of(Playwright playwright) {
        try {
            Object at = playwright;
            for (Field field : fields()) {
                at = field.get(at);
            }
            @SuppressWarnings("unchecked")
            BlockingQueue<JsonObject> incoming = (BlockingQueue<JsonObject>) at;
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

    /** The {@link #PATH} fields, accessible. */
    public static List<Field> fields() throws ReflectiveOperationException {
        List<Field> fields = new ArrayList<>();
        for (String path : PATH) {
            int dot = path.lastIndexOf('.');
            Field f = Class.forName(path.substring(0, dot)).getDeclaredField(path.substring(dot + 1));
            f.setAccessible(true);
            fields.add(f);
        }
        return fields;
    }
}
