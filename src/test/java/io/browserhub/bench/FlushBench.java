package io.browserhub.bench;

import io.browserhub.support.HardKill;
import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import java.util.List;
import java.util.Map;

/**
 * Row 15, the cookie flush after navigation commands (browserhub.session.flush-cookies-after-navigation, docs/security.md):
 * what it costs a page.goto that sets a cookie, against a hub with it off (two hubs, taking turns in rounds so load on
 * the machine hits both alike), and how often a login survives a kill -9 of everything as page.goto answered, with and
 * without it ({@code hubStarts} trials each; packaged/HardKillIT asserts the "with").
 */
final class FlushBench {

    private static final String SESSION = "flush";
    private static final String FLUSH = "browserhub.session.flush-cookies-after-navigation";

    private final Bench bench;

    FlushBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        cost();
        survival();
    }

    private void cost() throws Exception {
        int calls = Math.max(31, bench.config.calls() / 20);
        int rounds = Math.max(2, bench.config.rounds());
        long[][] samples = new long[2][calls];
        int[] filled = new int[2];
        try (HubProcess off = bench.startHub("flush-off", Map.of(FLUSH, "false")); HubProcess on = bench.startHub("flush-on", Map.of(FLUSH, "true"));
             RpcClient offWs = Bench.ws(off); RpcClient onWs = Bench.ws(on)) {
            List<RpcClient> clients = List.of(offWs, onWs);
            for (RpcClient ws : clients) {
                ws.call("session.create", Map.of("id", SESSION));
                for (int i = 0; i < 5; i++) {
                    login(ws, -i - 1);
                }
            }
            int perRound = Math.max(1, calls / rounds);
            for (int round = 0; round < rounds; round++) {
                for (int k : round % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
                    int n = round == rounds - 1 ? calls - filled[k] : Math.min(perRound, calls - filled[k]);
                    for (int i = 0; i < n; i++) {
                        long t0 = System.nanoTime();
                        login(clients.get(k), filled[k]);
                        samples[k][filled[k]++] = System.nanoTime() - t0;
                    }
                }
            }
        }
        String what = "page.goto of a local page that sets a cookie (" + calls + " calls)";
        Stats without = Stats.ofNanosAsMillis(samples[0], calls);
        bench.table.baseline("15", what + ": flush off", without, "ms");
        bench.table.row("15", what + ": flush on (the default)", Stats.ofNanosAsMillis(samples[1], calls), without, "ms");
        Bench.log("flush cost rows done");
    }

    private static void login(RpcClient ws, int i) {
        ws.call("page.goto", Map.of("session", SESSION, "url", Bench.page("login?user=u" + i)));
    }

    private void survival() throws Exception {
        int trials = bench.config.hubStarts();
        Map<String, String> config = Map.of("playwright.cli.dir", bench.driverDir.toString());
        int keptWith = 0;
        int keptWithout = 0;
        for (int i = 0; i < trials; i++) {
            keptWith += HardKill.KEPT.equals(HardKill.loginThenKill(bench.dir("kill-on"), true, config)) ? 1 : 0;
            keptWithout += HardKill.KEPT.equals(HardKill.loginThenKill(bench.dir("kill-off"), false, config)) ? 1 : 0;
            Bench.log("hard kill trial %d: kept %d with the flush, %d without", i + 1, keptWith, keptWithout);
        }
        String what = "logins kept after a kill -9 of everything as page.goto answered (of " + trials + ")";
        bench.table.singleBaseline("15", what + ": flush off", keptWithout, "");
        bench.table.single("15", what + ": flush on", keptWith, keptWithout, "");
    }
}
