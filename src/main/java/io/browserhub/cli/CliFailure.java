package io.browserhub.cli;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Map;
import picocli.CommandLine;

/** Why a client command could not do its work, with its exit code and a message that says what to do. */
final class CliFailure extends RuntimeException {

    private final int exitCode;
    /** The JSON-RPC error object of a failed call (printed as is with --json), else null. */
    private final Map<String, Object> error;

    private CliFailure(int exitCode, String message, Map<String, Object> error) {
        super(message);
        this.exitCode = exitCode;
        this.error = error;
    }

    /** The hub answered with a JSON-RPC error: exit 1, the error's kind named. */
    static CliFailure callFailed(String method, Map<String, Object> error) {
        Object data = error.get("data");
        Object kind = data instanceof Map<?, ?> d ? d.get("kind") : null;
        String message = method + " failed: " + (kind != null ? kind : "error") + " (" + error.get("code") + "): " + error.get("message");
        return new CliFailure(ExitCodes.CALL_FAILED, message, error);
    }

    /** No hub at the URL, it refused the token, or it answered with something that is not a hub's answer: exit 3. */
    static CliFailure hubUnavailable(String message) {
        return new CliFailure(ExitCodes.HUB_UNAVAILABLE, message, null);
    }

    /** Nothing (or not a hub) answers at the hub's address: how to start one, or where to point. */
    static CliFailure noHub(URI base, Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException
                || e instanceof HttpConnectTimeoutException || e instanceof SocketTimeoutException) {
            return hubUnavailable("No hub answers at " + base + " (" + why + "). Start one with `browserhub serve` (JVM form:"
                    + " java -jar target/quarkus-app/quarkus-run.jar), or point --url / $BROWSERHUB_URL at yours.");
        }
        return hubUnavailable("The hub at " + base + " stopped answering (" + why + "); is it still running?");
    }

    /** The hub wants a token it did not get: which one was sent (or where none was found), and where the right one is. */
    static CliFailure tokenRefused(URI base, HubOptions.Credential credential, String advice) {
        return hubUnavailable((credential.token() == null
                ? "The hub at " + base + " wants its access token, and none was found (looked " + credential.from() + "). "
                : "The hub at " + base + " refused the access token from " + credential.from() + ". ") + advice);
    }

    int exitCode() {
        return exitCode;
    }

    /** picocli's execution exception handler: a CliFailure is a message on stderr and its exit code; anything else is a bug. */
    static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) throws Exception {
        if (!(e instanceof CliFailure failure)) {
            throw e;
        }
        boolean json = commandLine.getCommand() instanceof ClientCommand command && command.hub.json;
        if (json && failure.error != null) {
            commandLine.getErr().println(Json.write(Map.of("error", failure.error)));
        } else {
            commandLine.getErr().println("browserhub: " + failure.getMessage());
        }
        commandLine.getErr().flush();
        return failure.exitCode;
    }
}
