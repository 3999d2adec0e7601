package io.browserhub.browser;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.impl.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * The hub's hold on the pipe between Playwright Java and its driver, for the two costs that pipe adds to every command
 * of a session (issue 17, docs/benchmarks.md):
 * <ul>
 * <li><b>Waking.</b> A thread waiting inside Playwright looks at its condition only when a message arrives or its 10 ms
 * polling slice ends; {@link #wake()} puts an empty message on the pipe's incoming queue (Connection.dispatch ignores a
 * message without id and method), so an idle actor takes a new command at once.</li>
 * <li><b>Writing.</b> Playwright hands each message to a writer thread of its own, one more thread wake-up per call;
 * the pipe's transport is replaced by one that writes from the calling thread (one write per message, framed as
 * Playwright frames it: a little-endian length, then the JSON), and reads as before.</li>
 * </ul>
 * Reaches Playwright's internals by reflection ({@link #PATH}); when they change shape, or Playwright logs its protocol
 * (DEBUG=pw:channel wraps the transport), this degrades to Playwright's own pipe: commands are noticed within 10 ms
 * and written by its thread, as before, and the hub logs that once.
 */
public final class PlaywrightPipe {

    /**
     * The fields used: from the Playwright object to its connection's transport (replaced), that transport's incoming
     * queue (woken) and its writer thread's stream (written). A native build registers exactly these.
     */
    public static final List<String> PATH = List.of(
            "com.microsoft.playwright.impl.ChannelOwner.connection",
            "com.microsoft.playwright.impl.Connection.transport",
            "com.microsoft.playwright.impl.PipeTransport.incoming",
            "com.microsoft.playwright.impl.PipeTransport.outgoing",
            "com.microsoft.playwright.impl.PipeTransport.writerThread",
            "com.microsoft.playwright.impl.WriterThread.out");
    /** The one field {@link #of} writes: the connection's transport. */
    public static final String REPLACED = PATH.get(1);

    private static final Logger LOG = Logger.getLogger(PlaywrightPipe.class);
    private static final PlaywrightPipe NONE = new PlaywrightPipe(null);
    /** How Playwright writes its messages: no HTML escaping, nulls left out (its Gson, minus adapters a tree never uses). */
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    /** How long {@link #of} waits for Playwright's writer thread to finish what it was given. */
    private static final long QUIET_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long QUIET_LOOK_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static volatile boolean warned;

    private final BlockingQueue<JsonObject> incoming;

    private PlaywrightPipe(BlockingQueue<JsonObject> incoming) {
        this.incoming = incoming;
    }

    /**
     * Takes hold of a Playwright's pipe: from now on its messages are written by the thread that sends them. Call it on
     * the thread that uses this Playwright, before any other thread may. Once per Playwright: a second call finds the
     * transport already replaced and only wakes.
     */
    public static PlaywrightPipe of(Playwright playwright) {
        try {
            List<Field> path = fields();
            Object connection = path.get(0).get(playwright);
            Object transport = path.get(1).get(connection);
            if (transport instanceof DirectTransport direct) {
                return new PlaywrightPipe(direct.incoming);
            }
            @SuppressWarnings("unchecked")
            BlockingQueue<JsonObject> incoming = (BlockingQueue<JsonObject>) path.get(2).get(transport);
            BlockingQueue<?> outgoing = (BlockingQueue<?>) path.get(3).get(transport);
            Thread writer = (Thread) path.get(4).get(transport);
            OutputStream out = (OutputStream) path.get(5).get(writer);
            if (quiet(writer, outgoing)) {
                path.get(1).set(connection, new DirectTransport((Transport) transport, incoming, out));
            } else {
                LOG.debug("Playwright's writer thread stayed busy: this session's messages go through it");
            }
            return new PlaywrightPipe(incoming);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.infof("Sessions notice commands within 10 ms instead of at once, and pay a thread hand-off per browser call:"
                        + " Playwright's transport is not the expected one (%s)", e);
            }
            return NONE;
        }
    }

    /**
     * Whether Playwright's writer thread has written everything it was given and waits for more (it flushes before it
     * waits): only then may another thread write to the pipe without cutting into one of its messages. Nothing is
     * given to it any more once the transport is replaced.
     */
    private static boolean quiet(Thread writer, BlockingQueue<?> outgoing) {
        long deadline = System.nanoTime() + QUIET_WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            if (outgoing.isEmpty() && (writer.getState() == Thread.State.WAITING || !writer.isAlive())) {
                return true;
            }
            // it is almost always quiet at once; otherwise look again shortly, without spinning a core for seconds
            LockSupport.parkNanos(QUIET_LOOK_NANOS);
        }
        return false;
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

    /**
     * Playwright's pipe, read as before (its reader thread fills {@code incoming}) and written by the calling thread.
     * Sends are serialised: Playwright sends from its owning thread, but closing may come from another.
     */
    static final class DirectTransport implements Transport {
        private final Transport pipe;
        private final BlockingQueue<JsonObject> incoming;
        private final OutputStream out;
        private volatile boolean closed;

        DirectTransport(Transport pipe, BlockingQueue<JsonObject> incoming, OutputStream out) {
            this.pipe = pipe;
            this.incoming = incoming;
            this.out = out;
        }

        @Override
        public void send(JsonObject message) {
            if (closed) {
                throw new PlaywrightException("Playwright connection closed");
            }
            byte[] json = GSON.toJson(message).getBytes(StandardCharsets.UTF_8);
            byte[] frame = new byte[4 + json.length];
            int n = json.length;
            frame[0] = (byte) n;
            frame[1] = (byte) (n >>> 8);
            frame[2] = (byte) (n >>> 16);
            frame[3] = (byte) (n >>> 24);
            System.arraycopy(json, 0, frame, 4, n);
            try {
                synchronized (this) {
                    out.write(frame);
                    out.flush();
                }
            } catch (IOException e) {
                throw new PlaywrightException("Playwright connection closed: cannot write to the driver's pipe (" + e.getMessage() + ")", e);
            }
        }

        @Override
        public JsonObject poll(Duration timeout) {
            return pipe.poll(timeout);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            pipe.close();
        }
    }
}
