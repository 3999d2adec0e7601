package io.browserhub.error;

/** The error vocabulary of the protocol (PROTOCOL.md), independent of any transport. */
public enum ErrorCode {
    PARSE_ERROR(-32700),
    INVALID_REQUEST(-32600),
    METHOD_NOT_FOUND(-32601),
    INVALID_PARAMS(-32602),
    INTERNAL_ERROR(-32603),
    SESSION_NOT_FOUND(-32001),
    SESSION_EXISTS(-32002),
    SESSION_UNAVAILABLE(-32003),
    CONTROL_HELD(-32004),
    TIMEOUT(-32005),
    NO_ELEMENT(-32006),
    NAVIGATION_FAILED(-32007),
    LIMIT_REACHED(-32008),
    UNAUTHORIZED(-32009),
    SCRIPT_ERROR(-32010),
    TAB_NOT_FOUND(-32011);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
