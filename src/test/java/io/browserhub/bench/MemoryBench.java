package io.browserhub.bench;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Row 5: PSS of everything that runs for 1 and for 8 sessions, each on static.html. In process, a script would
 * use one Playwright (one driver) and one persistent context per browser; browserhub runs its JVM plus one
 * driver and one browser per session (Playwright Java is not thread-safe, so each session has its own).
 */
final class MemoryBench {

    private static final long SETTLE_MS = 2_000;

    /** drivers counts every driver under the hub: one per running session, and the spare one started ahead. */
    private record Breakdown(double hub, double drivers, double browsers, int sessions, int spares) {
        double total() {
            return hub + drivers + browsers;
        }

        /** " + 1 spare" when the hub keeps a driver started ahead (browserhub.browser.spare-driver). */
        String spare() {
            return spares == 0 ? "" : " + " + spares + " spare";
        }
    }

    private final Bench bench;
    private Breakdown direct1;

    MemoryBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        String url = Bench.page("static.html");
        Breakdown direct8;
        Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        try (Playwright playwright = DirectBrowser.newPlaywright()) {
            ProcessHandle driver = ProcessHandle.current().children().filter(p -> !before.contains(p.pid()))
                    .filter(p -> p.info().commandLine().map(c -> c.contains("run-driver")).orElse(false)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("cannot find this JVM's Playwright driver process"));
            List<BrowserContext> contexts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                BrowserContext context = playwright.chromium().launchPersistentContext(bench.dir("mem-direct"), DirectBrowser.options(bench.chromium));
                Page page = context.pages().isEmpty() ? context.newPage() : context.pages().get(0);
                page.navigate(url);
                for (int k = 0; k < 50; k++) {
                    page.evaluate("() => 1");
                }
                contexts.add(context);
                if (i == 0) {
                    Thread.sleep(SETTLE_MS);
                    direct1 = measureDirect(driver);
                    bench.table.singleBaseline("5", "memory (PSS), 1 session: in-process Playwright, driver + browser"
                            + String.format(Locale.ROOT, " (%.0f + %.0f MiB)", direct1.drivers, direct1.browsers), direct1.total(), "MiB");
                }
            }
            Thread.sleep(SETTLE_MS);
            direct8 = measureDirect(driver);
            for (BrowserContext c : contexts) {
                c.close();
            }
        }
        Bench.log("memory in process: 1 = %.0f MiB, 8 = %.0f MiB", direct1Total(), direct8.total());

        try (HubProcess hub = bench.startHub("mem-hub", Map.of()); RpcClient ws = Bench.ws(hub)) {
            for (int i = 0; i < 8; i++) {
                String id = "mem-" + i;
                ws.call("session.create", Map.of("id", id));
                ws.call("page.goto", Map.of("session", id, "url", url));
                for (int k = 0; k < 50; k++) {
                    ws.call("page.evaluate", Map.of("session", id, "function", "() => 1"));
                }
                if (i == 0) {
                    Thread.sleep(SETTLE_MS);
                    Breakdown one = measureHub(hub.handle());
                    bench.table.single("5", "memory (PSS), 1 session: browserhub, hub JVM + driver" + one.spare() + " + browser"
                            + String.format(Locale.ROOT, " (%.0f + %.0f + %.0f MiB)", one.hub, one.drivers, one.browsers),
                            one.total(), direct1Total(), "MiB");
                }
            }
            Thread.sleep(SETTLE_MS);
            Breakdown eight = measureHub(hub.handle());
            bench.table.singleBaseline("5", "memory (PSS), 8 sessions: in-process Playwright, one driver + 8 browsers"
                    + String.format(Locale.ROOT, " (%.0f + 8 × %.0f MiB)", direct8.drivers, direct8.browsers / 8), direct8.total(), "MiB");
            bench.table.single("5", "memory (PSS), 8 sessions: browserhub, hub JVM + 8 drivers" + eight.spare() + " + 8 browsers"
                            + String.format(Locale.ROOT, " (%.0f + %.0f + 8 × %.0f MiB)", eight.hub, eight.drivers, eight.browsers / 8),
                    eight.total(), direct8.total(), "MiB");
            Bench.log("memory browserhub: 8 = %.0f MiB (%d drivers with a browser, %d spare)", eight.total(), eight.sessions, eight.spares);
            if (eight.sessions != 8) {
                throw new IllegalStateException("expected 8 driver processes under the hub, found " + eight.sessions);
            }
        }
    }

    private double direct1Total() {
        return direct1 == null ? Double.NaN : direct1.total();
    }

    private static Breakdown measureDirect(ProcessHandle driver) {
        List<ProcessHandle> browsers = Pss.browsers(driver);
        return new Breakdown(0, Pss.mib(driver), Pss.treeMib(browsers), browsers.size(), 0);
    }

    private static Breakdown measureHub(ProcessHandle hub) {
        List<ProcessHandle> drivers = Pss.drivers(hub);
        double driverMib = drivers.stream().mapToDouble(Pss::mib).sum();
        double browserMib = drivers.stream().mapToDouble(d -> Pss.treeMib(Pss.browsers(d))).sum();
        int withBrowser = (int) drivers.stream().filter(d -> !Pss.browsers(d).isEmpty()).count();
        return new Breakdown(Pss.mib(hub), driverMib, browserMib, withBrowser, drivers.size() - withBrowser);
    }
}
