package io.browserhub.live.screencast;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.client.Client;
import io.browserhub.session.Frame;
import io.browserhub.session.FrameListener;
import io.browserhub.session.Session;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * One screencast of a session (of one tab, or following the active tab): frames encoded once, offered to every
 * viewer; the latest kept for newcomers.
 */
final class SessionCast implements FrameListener {

    /** The session it casts; a session deleted and created again under the same id gets casts of its own. */
    final Session owner;
    /** The watched tab; null when the cast follows the active tab. */
    final String fixedTab;
    private final ObjectMapper json;
    private final BiConsumer<SessionCast, String> onEnded;
    private final Map<String, Viewer> viewers = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong produced = new AtomicLong();
    private volatile CastFrame latest;
    /** Counts of the viewers gone; guarded by this. */
    private long sentByGone;
    private long droppedByGone;

    SessionCast(Session owner, String fixedTab, ObjectMapper json, BiConsumer<SessionCast, String> onEnded) {
        this.owner = owner;
        this.fixedTab = fixedTab;
        this.json = json;
        this.onEnded = onEnded;
    }

    /** Adds a viewer (replacing the client's earlier one); it gets the latest frame at once. */
    void add(Viewer viewer) {
        synchronized (this) {
            Viewer old = viewers.put(viewer.client.id(), viewer);
            if (old != null) {
                retire(old);
            }
        }
        CastFrame last = latest;
        if (last != null) {
            viewer.offer(last);
        }
    }

    synchronized Viewer remove(Client client) {
        Viewer gone = viewers.remove(client.id());
        if (gone != null) {
            retire(gone);
        }
        return gone;
    }

    Viewer viewer(Client client) {
        return viewers.get(client.id());
    }

    boolean hasViewers() {
        return !viewers.isEmpty();
    }

    List<Viewer> viewers() {
        return List.copyOf(viewers.values());
    }

    @Override
    public void frame(Frame frame) {
        produced.incrementAndGet();
        CastFrame encoded = new CastFrame(owner.id(), seq.incrementAndGet(), frame, json);
        latest = encoded;
        for (Viewer viewer : viewers.values()) {
            viewer.offer(encoded);
        }
    }

    @Override
    public void ended(String reason) {
        latest = null;
        onEnded.accept(this, reason);
    }

    long produced() {
        return produced.get();
    }

    /** Frames sent to its viewers, those gone included; with {@link #dropped} a counter that never goes down. */
    synchronized long sent() {
        return sentByGone + viewers.values().stream().mapToLong(Viewer::sent).sum();
    }

    synchronized long dropped() {
        return droppedByGone + viewers.values().stream().mapToLong(Viewer::dropped).sum();
    }

    /** Holds this: a viewer leaves the map and its counts join those of the viewers gone in one step. */
    private void retire(Viewer viewer) {
        sentByGone += viewer.sent();
        droppedByGone += viewer.dropped();
    }
}
