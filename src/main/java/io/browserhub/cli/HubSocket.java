package io.browserhub.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * JSON-RPC over the hub's /rpc WebSocket, for what HTTP cannot carry: event notifications (logs --follow).
 * Messages are handled on the caller's thread, in arrival order; java.net.http's ~0.7 s start is paid only here.
 */
final class HubSocket implements Rpc, AutoCloseable {

    /** The connection ended: the hub stopped, or closed it (4401: the token). */
    private record Closed(int code, String reason) {
    }

    private final URI base;
    private final WebSocket socket;
    private final BlockingQueue<Object> incoming;
    private final Deque<Map<String, Object>> notifications = new ArrayDeque<>();
    private long ids;

    private HubSocket(URI base, WebSocket socket, BlockingQueue<Object> incoming) {
        this.base = base;
        this.socket = socket;
        this.incoming = incoming;
    }

    static HubSocket connect(HubOptions hub, HubOptions.Credential credential) {
        URI base = hub.baseUri();
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "/rpc");
        BlockingQueue<Object> incoming = new LinkedBlockingQueue<>();
        WebSocket.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().newWebSocketBuilder();
        if (credential.token() != null) {
            builder.header("Authorization", "Bearer " + credential.token());
        }
        HubSocket connected;
        try {
            connected = new HubSocket(base, builder.buildAsync(uri, new Listener(incoming)).join(), incoming);
        } catch (CompletionException e) {
            Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
            if (cause instanceof WebSocketHandshakeException refused && refused.getResponse().statusCode() == 401) {
                throw CliFailure.tokenRefused(base, credential, hub.tokenAdvice());
            }
            throw CliFailure.noHub(base, cause instanceof Exception ex ? ex : e);
        }
        // named in activity logs like the HTTP calls (a WebSocket client names itself once)
        connected.call("client.hello", Map.of("name", HubClient.CLIENT_NAME, "kind", "agent"));
        return connected;
    }

    @Override
    public Object call(String method, Map<String, ?> params) {
        long id = ++ids;
        socket.sendText(Rpc.request(id, method, params), true).join();
        while (true) {
            Map<String, Object> message = next();
            if (!message.containsKey("id")) {
                notifications.add(message);
            } else if (Json.number(message, "id", -1) == id) {
                Map<String, Object> error = Json.object(message, "error");
                if (!error.isEmpty()) {
                    throw CliFailure.callFailed(method, error);
                }
                return message.get("result");
            }
        }
    }

    /** The next notification ({method, params}), waiting for it; a CliFailure when the connection ends. */
    Map<String, Object> nextNotification() {
        if (!notifications.isEmpty()) {
            return notifications.poll();
        }
        while (true) {
            Map<String, Object> message = next();
            if (!message.containsKey("id")) {
                return message;
            }
        }
    }

    private Map<String, Object> next() {
        Object message;
        try {
            message = incoming.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.hubUnavailable("Interrupted.");
        }
        if (message instanceof Closed closed) {
            throw CliFailure.hubUnavailable("The hub at " + base + " closed the connection (" + closed.code() + " "
                    + closed.reason() + ")" + (closed.code() == 4401 ? ": it refused the token." : "; is it still running?"));
        }
        return Json.object(message);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        socket.abort();
    }

    /** Reassembles text messages and queues them for the caller's thread; asks for one message at a time. */
    private static final class Listener implements WebSocket.Listener {

        private final BlockingQueue<Object> incoming;
        private final StringBuilder text = new StringBuilder();

        Listener(BlockingQueue<Object> incoming) {
            this.incoming = incoming;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    incoming.add(Json.parse(message));
                } catch (IllegalArgumentException notJson) {
                    incoming.add(new Closed(-1, "the hub sent something that is not JSON: " + notJson.getMessage()));
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            incoming.add(new Closed(code, reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            incoming.add(new Closed(-1, String.valueOf(error)));
        }
    }
}
