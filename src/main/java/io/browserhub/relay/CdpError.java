package io.browserhub.relay;

/** A CDP error answer: Chromium's own, relayed by the extension, or the relay's when it refuses or cannot serve a method. */
public final class CdpError extends RuntimeException {

    /** CDP's code for a request the server refuses or cannot carry out. */
    public static final int SERVER_ERROR = -32000;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int SESSION_NOT_FOUND = -32001;

    private final int code;

    public CdpError(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
