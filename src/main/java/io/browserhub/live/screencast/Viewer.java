package io.browserhub.live.screencast;

import io.browserhub.client.Client;
import io.browserhub.observability.LogText;
import java.util.ArrayDeque;
import org.jboss.logging.Logger;

/**
 * One client watching one session, with a window of unacknowledged frames. When the window is full the
 * newest frame waits in a single slot, replacing an older waiting one (latest wins): a slow viewer sees fewer
 * frames, never older ones, holds at most window + 1, and never slows anyone else.
 * <p>
 * An acknowledgement is the client's word, not proof that it reads: a client that acknowledges blindly (or whose
 * acks arrive while its reading stalls) would otherwise have every frame piled up in its socket's write queue, a
 * few MB a second without end. So a frame also counts until its write has completed, that is, until the socket
 * took it: a viewer that stops reading stops getting frames once its socket buffers are full.
 */
final class Viewer {

    private static final Logger LOG = Logger.getLogger(Viewer.class);
    /** One frame on its way into the socket at a time: the next waits (latest wins) until the socket took it. */
    private static final int MAX_WRITING = 1;

    final Client client;
    private final ViewerSink sink;
    private final int window;
    private final boolean binary;
    private final ArrayDeque<Long> unacked = new ArrayDeque<>();
    private CastFrame waiting;
    /** Frames handed to the socket whose write has not completed yet. */
    private int writing;
    private long sent;
    private long dropped;

    Viewer(Client client, ViewerSink sink, int window, boolean binary) {
        this.client = client;
        this.sink = sink;
        this.window = window;
        this.binary = binary;
    }

    synchronized void offer(CastFrame frame) {
        if (canSend()) {
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
        sendWaiting();
    }

    private boolean canSend() {
        return unacked.size() < window && writing < MAX_WRITING;
    }

    private void sendWaiting() {
        if (waiting != null && canSend()) {
            CastFrame next = waiting;
            waiting = null;
            send(next);
        }
    }

    private synchronized void written() {
        writing--;
        sendWaiting();
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
        writing++;
        (binary ? sink.binary(frame.binary) : sink.notify(frame.notification())).whenComplete((ok, failure) -> {
            written();
            if (failure != null) {
                LOG.debugf("Frame %d to %s not sent: %s", frame.seq, LogText.escape(client), LogText.escape(failure.getMessage()));
            }
        });
    }
}
