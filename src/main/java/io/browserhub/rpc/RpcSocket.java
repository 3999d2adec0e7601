package io.browserhub.rpc;

import io.browserhub.client.Client;
import io.browserhub.client.ClientDisconnected;
import io.browserhub.live.EventHub;
import io.browserhub.live.Notification;
import io.browserhub.live.screencast.ScreencastHub;
import io.browserhub.live.screencast.ViewerSink;
import io.browserhub.observability.LogText;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.enterprise.event.Event;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * JSON-RPC 2.0 over a WebSocket: one client per connection, responses sent as their commands finish, and
 * event notifications through the connection's bounded outbox. Closing ends what the client held.
 */
@WebSocket(path = "/rpc")
public class RpcSocket {

    private static final Logger LOG = Logger.getLogger(RpcSocket.class);

    private final JsonRpc rpc;
    private final ScreencastHub screencasts;
    private final EventHub events;
    private final Event<ClientDisconnected> disconnected;
    private final DispatchThreads threads;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, DispatchThreads.Lane> lanes = new ConcurrentHashMap<>();

    public RpcSocket(JsonRpc rpc, ScreencastHub screencasts, EventHub events, Event<ClientDisconnected> disconnected,
                     DispatchThreads threads) {
        this.rpc = rpc;
        this.threads = threads;
        this.screencasts = screencasts;
        this.events = events;
        this.disconnected = disconnected;
    }

    @OnOpen
    @NonBlocking
    public void open(WebSocketConnection connection) {
        Client client = Client.anonymous();
        clients.put(connection.id(), client);
        events.connected(client, n -> connection.sendText(n.framed(JsonRpcNotifications::frame)).subscribeAsCompletionStage());
        screencasts.connected(client, new ViewerSink() {
            @Override
            public CompletionStage<?> binary(byte[] message) {
                return connection.sendBinary(message).subscribeAsCompletionStage();
            }

            @Override
            public CompletionStage<?> notify(Notification notification) {
                return connection.sendText(notification.framed(JsonRpcNotifications::frame)).subscribeAsCompletionStage();
            }
        });
    }

    @OnTextMessage
    @NonBlocking
    public void message(String text, WebSocketConnection connection) {
        Client client = clients.computeIfAbsent(connection.id(), id -> Client.anonymous());
        DispatchThreads.Lane lane = lanes.computeIfAbsent(connection.id(), id -> threads.lane());
        JsonRpc.Message message = lane.idle() ? rpc.readSmall(text) : rpc.unread(text);
        if (rpc.handsOver(message)) {
            // a command for a running session only joins its queue: done here, it saves a thread hand-off per command
            answer(rpc.handle(message, client), client, connection);
        } else {
            // anything else leaves the event loop to be dispatched (and read, when large), in this connection's order
            lane.execute(() -> answer(rpc.handle(message, client), client, connection));
        }
    }

    private static void answer(CompletionStage<String> response, Client client, WebSocketConnection connection) {
        response.thenAccept(text -> {
            if (text != null && connection.isOpen()) {
                connection.sendText(text).subscribe().with(ok -> { }, failure ->
                        LOG.debugf("Could not answer %s: %s", LogText.escape(client), LogText.escape(failure.getMessage())));
            }
        });
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        lanes.remove(connection.id());
        Client client = clients.remove(connection.id());
        if (client != null) {
            disconnected.fire(new ClientDisconnected(client));
        }
    }
}
