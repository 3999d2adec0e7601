package io.browserhub.live;

import java.util.function.Function;

/**
 * A server-to-client notification before it is framed for a transport: its method and its params as JSON text. The
 * framing (JSON-RPC's envelope) belongs to the transport, in rpc/; it happens once for however many connections the
 * notification goes to.
 */
public final class Notification {

    private final String method;
    private final String params;
    private volatile String framed;

    public Notification(String method, String params) {
        this.method = method;
        this.params = params;
    }

    public String method() {
        return method;
    }

    /** The params object as JSON text. */
    public String params() {
        return params;
    }

    /** The notification as the transport sends it: made by {@code framer} on first use, then kept. */
    public String framed(Function<Notification, String> framer) {
        String f = framed;
        if (f == null) {
            f = framer.apply(this);
            framed = f;
        }
        return f;
    }
}
