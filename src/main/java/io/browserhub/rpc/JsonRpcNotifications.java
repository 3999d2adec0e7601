package io.browserhub.rpc;

import io.browserhub.live.Notification;

/** The one place a server-to-client notification gets JSON-RPC's envelope. */
public final class JsonRpcNotifications {

    private JsonRpcNotifications() {
    }

    /** {"jsonrpc":"2.0","method":M,"params":P}; method names are the hub's own, plain ASCII without quotes. */
    public static String frame(Notification notification) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"" + notification.method() + "\",\"params\":" + notification.params() + "}";
    }
}
