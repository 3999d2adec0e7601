package io.browserhub.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.rpc.JsonRpcNotifications;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The outbox on its own: a socket that never finishes a write holds only the window, the queue stays bounded. */
class OutboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A transport whose writes complete only when the test says so. */
    private static final class Socket implements NotificationSink {
        final List<String> handed = new ArrayList<>();
        final List<CompletableFuture<Void>> writes = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<Void> send(Notification notification) {
            handed.add(notification.framed(JsonRpcNotifications::frame));
            CompletableFuture<Void> write = new CompletableFuture<>();
            writes.add(write);
            return write;
        }

        /** Completes every pending write, as long as new ones keep coming. */
        void flowAgain() {
            for (int i = 0; ; i++) {
                CompletableFuture<Void> next;
                synchronized (this) {
                    if (i >= writes.size()) {
                        return;
                    }
                    next = writes.get(i);
                }
                next.complete(null);
            }
        }
    }

    @Test
    void aStalledSocketHoldsTheWindowTheQueueKeepsTheNewestAndTheReaderLearnsWhatItMissed() throws Exception {
        Socket socket = new Socket();
        Outbox outbox = new Outbox(socket, 10, 2);
        for (long seq = 1; seq <= 100; seq++) {
            outbox.offer("s1", seq, new Notification("event", "{\"seq\":" + seq + "}"));
            outbox.drain();
        }
        assertEquals(2, socket.handed.size(), "only the in-flight window reached the socket");
        assertEquals(10, outbox.queued(), "the queue is bounded");
        assertEquals(88, outbox.droppedTotal());

        socket.flowAgain();
        List<JsonNode> received = new ArrayList<>();
        for (String text : socket.handed) {
            received.add(JSON.readTree(text));
        }
        assertEquals(List.of(1L, 2L), List.of(received.get(0).at("/params/seq").asLong(), received.get(1).at("/params/seq").asLong()));
        JsonNode dropped = received.get(2);
        assertEquals("events.dropped", dropped.get("method").asText());
        assertEquals("s1", dropped.at("/params/session").asText());
        assertEquals(88, dropped.at("/params/count").asLong());
        assertEquals(3, dropped.at("/params/firstSeq").asLong());
        assertEquals(90, dropped.at("/params/lastSeq").asLong());
        List<Long> rest = received.subList(3, received.size()).stream().map(n -> n.at("/params/seq").asLong()).toList();
        assertEquals(List.of(91L, 92L, 93L, 94L, 95L, 96L, 97L, 98L, 99L, 100L), rest, "the newest ten, in order");
        assertEquals(0, outbox.queued());
        assertTrue(socket.writes.stream().allMatch(CompletableFuture::isDone));
    }

    @Test
    void aFailedWriteClosesTheOutbox() {
        Outbox outbox = new Outbox(text -> CompletableFuture.failedFuture(new IllegalStateException("closed")), 10, 2);
        outbox.offer("s1", 1, new Notification("event", "{}"));
        outbox.drain();
        outbox.offer("s1", 2, new Notification("event", "{}"));
        assertEquals(0, outbox.queued(), "a closed connection queues nothing more");
    }
}
