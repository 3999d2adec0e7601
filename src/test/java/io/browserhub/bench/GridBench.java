package io.browserhub.bench;

import io.browserhub.grid.TestGrid;
import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Row 13: sessions on a Selenium Grid 4 (a standalone Grid on this machine, its node running this machine's Chromium
 * through chromedriver) against local sessions of the same hub, in the same run: start, evaluate round trip, several
 * starts at once, and memory per session on each side.
 */
final class GridBench {

    private static final String CAPABILITIES = "{\"goog:chromeOptions\": {\"binary\": \"/usr/bin/chromium\", \"args\": [\"--no-sandbox\"]}}";
    private static final int AT_ONCE = 4;

    private final Bench bench;

    GridBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        String url = Bench.page("static.html");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        try (TestGrid grid = TestGrid.start(port, "bench-node", bench.dir("grid"), 2 * AT_ONCE + 2)) {
            bench.table.single("13", "Selenium Grid standalone start (JVM start → /status ready), 1 run", SessionStartBench.ms(t0), Double.NaN, "ms");
            try (HubProcess hub = bench.startHub("grid-hub", Map.of(
                    "browserhub.grid.url", grid.url().toString(),
                    "browserhub.grid.profile-dir", bench.dir("grid-profiles").toAbsolutePath().toString(),
                    "browserhub.grid.capabilities", CAPABILITIES,
                    "browserhub.session.max-running", String.valueOf(4 * AT_ONCE)));
                 RpcClient ws = Bench.ws(hub)) {
                starts(ws);
                roundTrips(ws, url);
                memory(ws, hub, grid, url);
                atOnce(hub);
            }
        }
        Bench.log("grid done");
    }

    /** session.create + the first command answered, local and on the Grid, taking turns. */
    private void starts(RpcClient ws) {
        int n = bench.config.starts();
        List<Double> local = new ArrayList<>();
        List<Double> grid = new ArrayList<>();
        // one untimed start each: class loading, the Grid's first chromedriver
        start(ws, "warm-local", "local");
        start(ws, "warm-grid", "grid");
        for (int i = 0; i < n; i++) {
            local.add(start(ws, "start-local-" + i, "local"));
            grid.add(start(ws, "start-grid-" + i, "grid"));
        }
        Stats base = Stats.of(local);
        bench.table.baseline("13", "session start, new profile: local session, session.create + first command", base, "ms");
        bench.table.row("13", "session start, new profile: Grid session (W3C new session + connectOverCDP through se:cdp), same",
                Stats.of(grid), base, "ms");
    }

    private static double start(RpcClient ws, String id, String placement) {
        long t0 = System.nanoTime();
        ws.call("session.create", Map.of("id", id, "placement", placement));
        ws.call("page.url", Map.of("session", id));
        double ms = SessionStartBench.ms(t0);
        ws.call("session.delete", Map.of("id", id));
        return ms;
    }

    private void roundTrips(RpcClient ws, String url) {
        for (String placement : List.of("local", "grid")) {
            ws.call("session.create", Map.of("id", "rt-" + placement, "placement", placement));
            ws.call("page.goto", Map.of("session", "rt-" + placement, "url", url));
        }
        Map<String, Object> local = Map.of("session", "rt-local", "function", "() => 1");
        Map<String, Object> grid = Map.of("session", "rt-grid", "function", "() => 1");
        long[][] samples = Rounds.measure(bench.config, List.of(() -> ws.call("page.evaluate", local), () -> ws.call("page.evaluate", grid)));
        Stats base = Stats.ofNanosAsMillis(samples[0], samples[0].length);
        bench.table.baseline("13", "evaluate `() => 1` round trip, browserhub WebSocket: local session", base, "ms");
        bench.table.row("13", "evaluate `() => 1` round trip, browserhub WebSocket: Grid session (Playwright → Grid router → node → Chrome)",
                Stats.ofNanosAsMillis(samples[1], samples[1].length), base, "ms");
        Bench.log("grid round trips done (%d calls each)", bench.config.calls());
    }

    /** PSS of one running session on each side: what 10, 100, 1000 sessions multiply (docs/scale-out.md). */
    private void memory(RpcClient ws, HubProcess hub, TestGrid grid, String url) throws InterruptedException {
        Thread.sleep(2000);
        // the hub runs rt-local (driver + Chromium) and rt-grid (a driver without a browser under it)
        double hubSideGrid = Pss.drivers(hub.handle()).stream().filter(d -> Pss.browsers(d).isEmpty()).mapToDouble(Pss::treeMib).sum();
        double localSession = Pss.drivers(hub.handle()).stream().filter(d -> !Pss.browsers(d).isEmpty()).mapToDouble(Pss::treeMib).sum();
        double nodeSide = grid.handle().children().mapToDouble(Pss::treeMib).sum();
        double gridJvm = Pss.mib(grid.handle());
        bench.table.singleBaseline("13", "memory (PSS) of one local session on the hub: Playwright driver + Chromium", localSession, "MiB");
        bench.table.single("13", "memory (PSS) of one Grid session on the hub: its Playwright driver, connected over CDP", hubSideGrid, localSession, "MiB");
        bench.table.single("13", "memory (PSS) of one Grid session on the node: chromedriver + Chromium", nodeSide, localSession, "MiB");
        bench.table.single("13", "memory (PSS) of the Selenium Grid standalone JVM (router, distributor, node; -Xmx256m)", gridJvm, localSession, "MiB");
        ws.call("session.delete", Map.of("id", "rt-local"));
        ws.call("session.delete", Map.of("id", "rt-grid"));
    }

    /** AT_ONCE clients each create a session at the same moment: until the last one answered its first command. */
    private void atOnce(HubProcess hub) throws Exception {
        double localWall = 0;
        for (String placement : List.of("local", "grid")) {
            List<Double> walls = new ArrayList<>();
            for (int round = 0; round < Math.max(1, bench.config.starts() / 2); round++) {
                List<RpcClient> clients = new ArrayList<>();
                for (int i = 0; i < AT_ONCE; i++) {
                    clients.add(Bench.ws(hub));
                }
                long t0 = System.nanoTime();
                List<CompletableFuture<Void>> all = new ArrayList<>();
                for (int i = 0; i < AT_ONCE; i++) {
                    RpcClient c = clients.get(i);
                    String id = "many-" + placement + "-" + round + "-" + i;
                    all.add(CompletableFuture.runAsync(() -> {
                        c.call("session.create", Map.of("id", id, "placement", placement));
                        c.call("page.url", Map.of("session", id));
                    }));
                }
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
                walls.add(SessionStartBench.ms(t0));
                for (int i = 0; i < AT_ONCE; i++) {
                    clients.get(i).call("session.delete", Map.of("id", "many-" + placement + "-" + round + "-" + i));
                    clients.get(i).close();
                }
            }
            String what = AT_ONCE + " sessions started at once by " + AT_ONCE + " clients, until the last answered its first command: "
                    + placement + " (median of " + walls.size() + ")";
            if (placement.equals("local")) {
                localWall = Stats.of(walls).median();
                bench.table.singleBaseline("13", what, localWall, "ms");
            } else {
                bench.table.single("13", what, Stats.of(walls).median(), localWall, "ms");
            }
        }
    }
}
