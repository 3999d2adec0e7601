package io.browserhub.rpc;

import io.browserhub.command.CommandListener;
import io.browserhub.command.CommandOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only listener: the thread that finished each command of a client named "thread-probe-*". A hub.info
 * completes at once, so that is the thread that parsed and dispatched it.
 */
@ApplicationScoped
public class DispatchThreadProbe implements CommandListener {

    static final Map<String, String> THREADS = new ConcurrentHashMap<>();

    @Override
    public void finished(CommandOutcome outcome) {
        if (outcome.client().name().startsWith("thread-probe-")) {
            THREADS.put(outcome.client().name() + " " + outcome.method(), Thread.currentThread().getName());
        }
    }
}
