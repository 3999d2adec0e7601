package io.browserhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Row 11: one agent's long wait in its tab, and another agent's commands in another tab of the same session (issue 20).
 * Baseline: agent B's page.evaluate round trips in its own tab with nothing else going on; then the same while agent
 * A waits (page.waitFor of an element that never comes) in its tab.
 */
final class TabWaitBench {

    private final Bench bench;

    TabWaitBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        String url = Bench.page("form.html");
        try (HubProcess hub = bench.startHub("tabwait-hub", Map.of()); RpcClient a = Bench.ws(hub); RpcClient b = Bench.ws(hub)) {
            bench.warm(hub);
            a.call("client.hello", Map.of("name", "agent-a"));
            b.call("client.hello", Map.of("name", "agent-b"));
            a.call("session.create", Map.of("id", "tw"));
            a.call("tab.new", Map.of("session", "tw", "url", url, "lease", true));
            b.call("tab.new", Map.of("session", "tw", "url", url, "lease", true));
            int calls = bench.config.calls();
            measure(b, bench.config.warmup());
            Stats alone = measure(b, calls);
            bench.table.baseline("11", "agent B's evaluate round trip in its tab, nothing else going on", alone, "ms");
            CompletableFuture<JsonNode> wait = a.send("page.waitFor", Map.of("session", "tw", "selector", "#never", "timeoutMs", 600_000));
            Thread.sleep(200);
            Stats during = measure(b, calls);
            if (wait.isDone()) {
                throw new IllegalStateException("agent A's wait ended before B's measurement did: " + wait.join());
            }
            bench.table.row("11", "the same while agent A waits (page.waitFor) in its own tab of the session", during, alone, "ms");
            a.call("session.delete", Map.of("id", "tw"));
        }
    }

    private static Stats measure(RpcClient b, int calls) {
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            b.call("page.evaluate", Map.of("session", "tw", "function", "() => 1"));
            nanos[i] = System.nanoTime() - t0;
        }
        return Stats.ofNanosAsMillis(nanos, calls);
    }
}
