package io.browserhub.client;

import io.browserhub.observability.LogText;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * A global WebSocket error handler for a client that went away without closing its connection: a killed agent, a
 * dashboard tab of a laptop that lost its network; the peer's TCP stack resets the connection ("Connection reset").
 * For the hub that is an everyday event, not an error: Quarkus would log it at ERROR with a stack trace. The
 * connection's close follows as for any other client (leases, casts and subscriptions end with it).
 */
@Singleton
public class VanishedClients {

    private static final Logger LOG = Logger.getLogger(VanishedClients.class);

    @OnError
    public void onLostConnection(IOException e, WebSocketConnection connection) {
        LOG.debugf("WebSocket %s: the client went away (%s)", connection.id(), LogText.escape(String.valueOf(e.getMessage())));
    }
}
