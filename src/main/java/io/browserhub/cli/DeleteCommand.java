package io.browserhub.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code browserhub delete ID}: session.delete. */
@Command(sortOptions = false,
        description = "Deletes a session: its browser, profile, logs and files.")
final class DeleteCommand extends HubCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Session id.")
    String id;

    @Override
    void run() {
        Object result = hub.client().call("session.delete", Map.of("id", id));
        out().println(hub.json ? Json.pretty(result) : "Session " + id + " is deleted, with its profile and logs.");
    }
}
