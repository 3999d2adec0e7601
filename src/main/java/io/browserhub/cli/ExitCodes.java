package io.browserhub.cli;

/** The command line's exit codes (PROTOCOL.md, "Command line"). */
final class ExitCodes {

    static final int OK = 0;
    /** The hub answered the call with a JSON-RPC error. */
    static final int CALL_FAILED = 1;
    /** Unknown command or option, missing argument, params that are not JSON. */
    static final int USAGE = 2;
    /** No hub answers at the URL, or it refused the token. */
    static final int HUB_UNAVAILABLE = 3;

    private ExitCodes() {
    }
}
