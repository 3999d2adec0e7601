package io.browserhub.security;

import io.browserhub.observability.LogText;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A global WebSocket error handler for messages over quarkus.websockets-next.server.max-message-size: that one
 * connection closes with 1009 (message too big) and a short reason. Without it Quarkus closes with the whole
 * exception text as the reason, longer than the 123 bytes a close frame may carry, and strict clients (the JDK's)
 * see a protocol error instead of a close code.
 */
@Singleton
public class WebSocketOverflow {

    private static final Logger LOG = Logger.getLogger(WebSocketOverflow.class);

    /** RFC 6455: the message is too big to process. */
    static final int MESSAGE_TOO_BIG = 1009;

    private final String limit;

    public WebSocketOverflow(@ConfigProperty(name = "quarkus.websockets-next.server.max-message-size") OptionalInt maxMessageSize) {
        this.limit = maxMessageSize.isPresent() ? maxMessageSize.getAsInt() + " bytes" : "its configured size";
    }

    /**
     * A single frame over quarkus.websockets-next.server.max-frame-size: Netty has already answered it with close
     * 1009 and closes the connection ({@link LingeringClose} lets that close frame reach the client).
     */
    @OnError
    public Uni<Void> onOversizedFrame(CorruptedWebSocketFrameException e, WebSocketConnection connection) {
        LOG.infof("Closed WebSocket %s: %s", connection.id(), LogText.escape(e.getMessage()));
        return Uni.createFrom().voidItem();
    }

    @OnError
    public Uni<Void> onIllegalState(IllegalStateException e, WebSocketConnection connection) {
        // Vert.x reports the overflow as "... to overflow max message size of N"
        if (e.getMessage() != null && e.getMessage().contains("max message size")) {
            LOG.infof("Closed WebSocket %s: it sent a message over %s", connection.id(), limit);
            return connection.close(new CloseReason(MESSAGE_TOO_BIG, "Message too big: the hub accepts at most " + limit + " per message"));
        }
        LOG.errorf(e, "WebSocket %s failed; closing it", connection.id());
        return connection.close(CloseReason.INTERNAL_SERVER_ERROR);
    }
}
