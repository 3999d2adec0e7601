package io.browserhub.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code browserhub token}: the token the client commands send, for curl and programs. */
@Command(sortOptions = false,
        description = {"Prints the access token the commands send.",
                "--token, else $BROWSERHUB_TOKEN, else <data-dir>/token.",
                "Example: curl -H \"Authorization: Bearer $(browserhub token)\" ..."})
final class TokenCommand extends HubCommand {

    @Override
    void run() {
        HubOptions.Credential credential = hub.credential();
        if (credential.token() == null) {
            throw CliFailure.hubUnavailable("No token found (looked " + credential.from() + "). " + hub.tokenAdvice());
        }
        if (hub.json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("token", credential.token());
            out.put("from", credential.from());
            out().println(Json.pretty(out));
        } else {
            out().println(credential.token());
        }
    }
}
