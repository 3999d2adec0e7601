package io.browserhub.cdp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.client.Client;
import io.browserhub.command.CommandOutcome;
import io.browserhub.command.Dispatcher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The CDP door's entries in the activity log: connections, navigations, tabs opened and closed, input. They
 * are {@code command} entries like every other client's, through the same listeners (journal, metrics, log
 * line); only what they show is chosen here: the URL, never typed text.
 */
@ApplicationScoped
class CdpActivity {

    private final Dispatcher dispatcher;
    private final ObjectMapper json;

    CdpActivity(Dispatcher dispatcher, ObjectMapper json) {
        this.dispatcher = dispatcher;
        this.json = json;
    }

    /** The parameters an entry shows: the session, plus what the caller adds. */
    ObjectNode params(String session) {
        return json.createObjectNode().put("session", session);
    }

    void report(Client client, String method, ObjectNode params, Throwable failure, long durationNanos) {
        dispatcher.report(new CommandOutcome(method, params, client, null, failure, durationNanos));
    }
}
