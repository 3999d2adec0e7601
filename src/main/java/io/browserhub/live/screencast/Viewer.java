package io.browserhub.live.screencast;

import io.browserhub.observability.LogText;
import io.browserhub.client.Client;
import java.util.ArrayDeque;
import org.jboss.logging.Logger;

/**
 * One client watching one session, with a window of unacknowledged frames. When the window is full the
 * newest frame waits in a single slot, replacing an older waiting one (latest wins): a slow viewer sees fewer
 * frames, never older ones, holds at most window + 1, and never slows anyone else.
 */
final class Viewer {

    private static final Logger LOG = Logger.getLogger(Viewer.class);

    final Client client;
    private final ViewerSink sink;
    private final int window;
    private final boolean binary;
    private final ArrayDeque<Long> unacked = new ArrayDeque<>();
    private CastFrame waiting;
    private long sent;
    private long dropped;

    Viewer(Client client, ViewerSink sink, int window, boolean binary) {
        this.client = client;
        this.sink = sink;
        this.window = window;
        this.binary = binary;
    }

    synchronized void offer(CastFrame frame) {
        if (unacked.size() < window) {
            send(frame);
        } else {
            if (waiting != null) {
                dropped++;
            }
            waiting = frame;
        }
    }

    /** Acknowledges this frame and every earlier one; a waiting frame goes out if the window opened. */
    synchronized void ack(long seq) {
        while (!unacked.isEmpty() && unacked.peekFirst() <= seq) {
            unacked.pollFirst();
        }
        if (waiting != null && unacked.size() < window) {
            CastFrame next = waiting;
            waiting = null;
            send(next);
        }
    }

    synchronized long sent() {
        return sent;
    }

    synchronized long dropped() {
        return dropped;
    }

    /** Frames this viewer holds now: sent and unacknowledged, plus the waiting one. */
    synchronized int held() {
        return unacked.size() + (waiting == null ? 0 : 1);
    }

    private void send(CastFrame frame) {
        unacked.addLast(frame.seq);
        sent++;
        (binary ? sink.binary(frame.binary) : sink.text(frame.text())).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.debugf("Frame %d to %s not sent: %s", frame.seq, LogText.escape(client), LogText.escape(failure.getMessage()));
            }
        });
    }
}
