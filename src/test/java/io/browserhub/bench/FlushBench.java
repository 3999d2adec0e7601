package io.browserhub.bench;

import io.browserhub.support.HardKill;
import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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
        long[][] samples;
        try (HubProcess off = bench.startHub("flush-off", Map.of(FLUSH, "false")); HubProcess on = bench.startHub("flush-on", Map.of(FLUSH, "true"));
             RpcClient offWs = Bench.ws(off); RpcClient onWs = Bench.ws(on)) {
            offWs.call("session.create", Map.of("id", SESSION));
            onWs.call("session.create", Map.of("id", SESSION));
            samples = Rounds.measure(calls, 5, Math.max(2, bench.config.rounds()), List.of(logins(offWs), logins(onWs)));
        }
        String what = "page.goto of a local page that sets a cookie (" + calls + " calls)";
        Stats without = Stats.ofNanosAsMillis(samples[0], calls);
        bench.table.baseline("15", what + ": flush off", without, "ms");
        bench.table.row("15", what + ": flush on (the default)", Stats.ofNanosAsMillis(samples[1], calls), without, "ms");
        Bench.log("flush cost rows done");
    }

    /** Logins of a new user each time: every page.goto sets a cookie of its own. */
    private static Runnable logins(RpcClient ws) {
        AtomicInteger user = new AtomicInteger();
        return () -> ws.call("page.goto", Map.of("session", SESSION, "url", Bench.page("login?user=u" + user.incrementAndGet())));
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
