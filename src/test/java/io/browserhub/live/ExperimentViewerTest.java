package io.browserhub.live;

import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.util.*;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExperimentViewerTest {

    @Test
    void observe() throws Exception {
        try (RpcClient c = Hub.connect()) {
            c.call("session.ensure", Map.of("id", "expv"));
            c.call("page.goto", Map.of("session", "expv", "url", TestPages.url("animation.html")));
            // depth probe
            for (int depth : new int[] {50, 80, 90, 95, 100, 110, 120, 150, 200, 300}) {
                try {
                    c.call("page.evaluate", Map.of("session", "expv", "function",
                            "(n) => { let o = {}; let c = o; for (let i = 1; i < n; i++) { c.a = {}; c = c.a; } return o; }", "arg", depth));
                    System.out.println("EXP depth " + depth + " ok");
                } catch (RpcError e) {
                    System.out.println("EXP depth " + depth + " " + e.getMessage().substring(0, Math.min(120, e.getMessage().length())));
                }
            }
            for (String mode : List.of("noack", "blindack")) {
                try (RawWebSocket viewer = new RawWebSocket(Hub.base(), Hub.TOKEN)) {
                    viewer.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"screencast.start\",\"params\":{\"session\":\"expv\",\"window\":32,\"quality\":100}}");
                    long max = 0;
                    long t0 = System.currentTimeMillis();
                    int n = 0;
                    while (System.currentTimeMillis() - t0 < 20_000) {
                        if (mode.equals("blindack")) {
                            viewer.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"screencast.ack\",\"params\":{\"session\":\"expv\",\"seq\":" + (n * 1000L) + "}}");
                        }
                        long s = System.nanoTime();
                        c.call("page.title", Map.of("session", "expv"));
                        max = Math.max(max, (System.nanoTime() - s) / 1_000_000);
                        n++;
                        Thread.sleep(100);
                    }
                    System.out.println("EXP viewer " + mode + ": " + n + " titles, max " + max + " ms; heap used "
                            + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1_000_000 + " MB; "
                            + c.call("hub.info").get("screencast"));
                }
            }
            c.call("session.delete", Map.of("id", "expv"));
        }
    }
}
