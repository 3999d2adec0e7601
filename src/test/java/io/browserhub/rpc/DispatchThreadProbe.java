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

    /** Heard on the thread that finished the command (the others hear it later, on the bookkeeping thread). */
    @Override
    public boolean inline() {
        return true;
    }

    /** The thread that finished it; the listeners hear a command just after its answer went out, so wait a moment. */
    static String threadOf(String key) throws InterruptedException {
        for (int i = 0; i < 500 && !THREADS.containsKey(key); i++) {
            Thread.sleep(10);
        }
        return THREADS.get(key);
    }

    @Override
    public void finished(CommandOutcome outcome) {
        if (outcome.client().name().startsWith("thread-probe-")) {
            THREADS.put(outcome.client().name() + " " + outcome.method(), Thread.currentThread().getName());
        }
    }
}
