package io.browserhub.error;

/**
 * The error vocabulary of the protocol (docs/protocol.md), independent of any transport. Each kind says when it
 * happens; rpc.discover publishes that, and docs/protocol.md's table is generated from it.
 */
public enum ErrorCode {
    PARSE_ERROR(-32700, "not JSON"),
    INVALID_REQUEST(-32600, "not a JSON-RPC request"),
    METHOD_NOT_FOUND(-32601, "unknown method"),
    INVALID_PARAMS(-32602, "missing or ill-typed parameter, bad session id, bad selector syntax, a snapshot ref without"
            + " `aria-ref=` (`data.suggestion`)"),
    INTERNAL_ERROR(-32603, "a bug: never expected"),
    SESSION_NOT_FOUND(-32001, "no such session"),
    SESSION_EXISTS(-32002, "`session.create` of an existing id"),
    SESSION_UNAVAILABLE(-32003, "the browser could not start, or crashed during the command"),
    CONTROL_HELD(-32004, "another client holds control; `data.holder = {name, kind}`"),
    TIMEOUT(-32005, "a wait or action ran past its timeout"),
    NO_ELEMENT(-32006, "the selector matched nothing in time, matched several elements where the action needs one"
            + " (`data.count`, `data.matches`), or matched an element that cannot do the action (`data.element`)"),
    NAVIGATION_FAILED(-32007, "net error, bad URL scheme, a URL without a scheme (`data.suggestion`)"),
    LIMIT_REACHED(-32008, "too many sessions, queue full, message too large"),
    UNAUTHORIZED(-32009, "missing or wrong access token (HTTP 401; see docs/security.md)"),
    SCRIPT_ERROR(-32010, "page JavaScript threw; `data = {name, message, stack}`"),
    TAB_NOT_FOUND(-32011, "no such tab");

    private final int code;
    private final String when;

    ErrorCode(int code, String when) {
        this.code = code;
        this.when = when;
    }

    public int code() {
        return code;
    }

    /** When a client gets this error, in a few words (Markdown). */
    public String when() {
        return when;
    }
}
