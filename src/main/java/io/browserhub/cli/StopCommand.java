package io.browserhub.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code browserhub stop ID}: session.stop. */
@Command(sortOptions = false,
        description = {"Stops a session's browser; its profile is kept.",
                "Logins and tabs stay; the next command to the session starts it again."})
final class StopCommand extends HubCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Session id.")
    String id;

    @Override
    void run() {
        Object info = hub.client().call("session.stop", Map.of("id", id));
        out().println(hub.json ? Json.pretty(info) : "Session " + id + " is " + Json.text(info, "state", "stopped") + "; its profile is kept.");
    }
}
