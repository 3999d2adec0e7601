package io.browserhub.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code browserhub url [ID]}: the dashboard link that signs a person in, checked against the hub first. */
@Command(sortOptions = false,
        description = {"Prints the dashboard link, which signs you in.",
                "With ID: the link to that session."})
final class UrlCommand extends HubCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Session id.")
    String id;

    @Override
    void run() {
        HubClient client = hub.client();
        // a link the hub would refuse, or to a session it does not have, helps nobody: ask it first
        if (id == null) {
            client.call("hub.info", Map.of());
        } else {
            client.call("session.get", Map.of("id", id));
        }
        String link = hub.dashboardUrl(client.credential(), id);
        out().println(hub.json ? Json.pretty(Map.of("url", link)) : link);
    }
}
