package io.browserhub.mcp;

import io.browserhub.error.HubException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/** A failed tool call as the agent reads it: the hub's own sentence, the one a JSON-RPC client gets as error.message. */
final class ToolErrors {

    private static final Logger LOG = Logger.getLogger(ToolErrors.class);

    private ToolErrors() {
    }

    static Reply reply(Throwable failure, String tool) {
        Throwable t = unwrap(failure);
        return t instanceof ModalState modal ? modal.reply() : Reply.error(sentence(t, tool));
    }

    static String sentence(Throwable failure, String tool) {
        Throwable t = unwrap(failure);
        if (t instanceof HubException hub) {
            return hub.getMessage();
        }
        LOG.errorf(t, "MCP tool %s failed unexpectedly", tool);
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
        return tool + " failed unexpectedly (" + t.getClass().getSimpleName() + message + "); the hub log has details.";
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
