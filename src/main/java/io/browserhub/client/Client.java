package io.browserhub.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One connected client (a WebSocket connection, an MCP session, or one HTTP request). Its name and kind change once,
 * with client.hello; everything else about it is fixed. The id is what a control lease remembers: unique
 * per WebSocket connection, and for named HTTP clients derived from the name, so that the next request
 * with the same X-Browserhub-Client header is the same client.
 */
public final class Client {

    private static final AtomicLong ANONYMOUS = new AtomicLong();
    private static final AtomicLong IDS = new AtomicLong();

    private final String id;
    private final boolean recognisable;
    private volatile String name;
    private volatile ClientKind kind;

    private Client(String id, String name, ClientKind kind, boolean recognisable) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.recognisable = recognisable;
    }

    /** A connection that has not introduced itself (yet): an agent numbered "anonymous-N". */
    public static Client anonymous() {
        return new Client("c" + IDS.incrementAndGet(), "anonymous-" + ANONYMOUS.incrementAndGet(), ClientKind.AGENT, true);
    }

    /** A connection that names itself as it opens (an MCP session in initialize, a CDP client with ?client=NAME). */
    public static Client connection(String name, ClientKind kind) {
        return new Client("c" + IDS.incrementAndGet(), name, kind, true);
    }

    /** One HTTP request without a name: an anonymous agent that no later request can be recognised as. */
    public static Client forOneRequest() {
        return new Client("c" + IDS.incrementAndGet(), "anonymous-" + ANONYMOUS.incrementAndGet(), ClientKind.AGENT, false);
    }

    /** An HTTP client that names itself (X-Browserhub-Client): every request with that name is this client. */
    public static Client named(String name, ClientKind kind) {
        return new Client("http:" + name, name, kind, true);
    }

    /** The header an HTTP client names itself with. */
    public static final String HEADER = "X-Browserhub-Client";
    private static final int MAX_NAME = 64;

    /**
     * The client behind one HTTP request, from its {@link #HEADER} value: the named agent when there is one (names are
     * cut to 64 characters), else an anonymous agent no later request can be recognised as.
     */
    public static Client fromHeader(String name) {
        if (name == null || name.isBlank()) {
            return forOneRequest();
        }
        return named(name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name, ClientKind.AGENT);
    }

    /** Whether a later message can come from this same client, so that it can hold something (a control lease). */
    public boolean recognisable() {
        return recognisable;
    }

    public void introduce(String name, ClientKind kind) {
        this.name = name;
        this.kind = kind;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ClientKind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return name + " (" + kind.wire() + ", " + id + ")";
    }
}
