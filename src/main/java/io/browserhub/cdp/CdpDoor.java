package io.browserhub.cdp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.client.ClientDisconnected;
import io.browserhub.command.ControlGate;
import io.browserhub.command.Dispatcher;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Event;

/** What every CDP connection shares: the way to Chromium, the hub's core (leases, method table, activity), limits. */
record CdpDoor(
        DevToolsUpstream upstream,
        ControlGate gate,
        Dispatcher dispatcher,
        CdpActivity activity,
        Event<ClientDisconnected> disconnected,
        ObjectMapper json,
        Vertx vertx,
        int maxMessageBytes) {
}
