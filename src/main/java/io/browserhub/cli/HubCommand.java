package io.browserhub.cli;

import picocli.CommandLine.Option;

/**
 * A client command whose --url names the hub, as PROTOCOL.md says. `open` is the exception: its --url is the
 * page to open (`browserhub open ID --url URL`), so it names the hub with --hub or $BROWSERHUB_URL only.
 */
abstract class HubCommand extends ClientCommand {

    @Option(names = "--url", paramLabel = "URL", order = 90, description = "The hub: the same as --hub.")
    void hubUrl(String url) {
        hub.url = url;
    }
}
