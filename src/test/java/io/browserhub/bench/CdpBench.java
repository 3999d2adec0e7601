package io.browserhub.bench;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.browserhub.backend.DevToolsEndpoint;
import io.browserhub.browser.DevToolsActivePort;
import io.browserhub.support.CdpClient;
import io.browserhub.support.HubProcess;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Row 7: the CDP door's cost. A Runtime.evaluate round trip of raw CDP, through ws://hub/cdp/{session} against
 * the same Chromium's own DevTools port (the proxy's cost); Playwright connectOverCDP's page.evaluate both ways
 * (what a user's script sees); 1 and 5 clients at once; and, for the decision in docs/security.md, the same evaluate
 * over the pipe Playwright owns (in-process Playwright's CDPSession, the floor of a relay through it).
 */
final class CdpBench {

    private static final int CONCURRENT = 5;
    private static final Map<String, Object> EVALUATE = Map.of("expression", "1", "returnByValue", true);

    private final Bench bench;

    CdpBench(Bench bench) {
        this.bench = bench;
    }

    /** One CDP client on one page: a flat session attached to it. */
    private record RawPage(CdpClient client, String sessionId) implements AutoCloseable {
        static RawPage open(URI browserUrl, Map<String, String> headers) {
            CdpClient client = CdpClient.connect(browserUrl, headers);
            return new RawPage(client, client.attachToPage("static.html"));
        }

        void evaluate() {
            if (client.call("Runtime.evaluate", EVALUATE, sessionId).at("/result/value").asInt() != 1) {
                throw new IllegalStateException("Runtime.evaluate(1) did not return 1");
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }

    void run() throws Exception {
        String url = Bench.page("static.html");
        try (HubProcess hub = bench.startHub("cdp-hub", Map.of());
             DirectBrowser pipe = DirectBrowser.launch(bench.chromium, bench.dir("cdp-pipe"));
             Playwright scripts = DirectBrowser.newPlaywright()) {
            hub.result("session.create", Map.of("id", "cdp"));
            hub.result("page.goto", Map.of("session", "cdp", "url", url));
            pipe.open(url);
            DevToolsEndpoint chromium = DevToolsActivePort.read(hub.dataDir().resolve(Path.of("sessions", "cdp", "profile"))).orElseThrow();
            URI direct = URI.create("ws://127.0.0.1:" + chromium.port() + chromium.browserPath());
            URI door = URI.create(hub.baseUri().toString().replaceFirst("^http", "ws") + "cdp/cdp");
            Map<String, String> token = Map.of("Authorization", "Bearer " + HubProcess.TOKEN);

            try (RawPage rawDirect = RawPage.open(direct, Map.of()); RawPage rawDoor = RawPage.open(door, token)) {
                CDPSession cdp = pipe.context.newCDPSession(pipe.page);
                JsonObject expression = new JsonObject();
                expression.addProperty("expression", "1");
                expression.addProperty("returnByValue", true);
                long[][] samples = Rounds.measure(bench.config, List.of(rawDirect::evaluate, rawDoor::evaluate,
                        () -> cdp.send("Runtime.evaluate", expression)));
                String what = "CDP Runtime.evaluate `1` round trip, 1 raw CDP client (JDK WebSocket): ";
                Stats baseline = stats(samples[0]);
                bench.table.baseline("8", what + "Chromium's own DevTools port", baseline, "ms");
                bench.table.row("8", what + "through ws://hub/cdp/{session}", stats(samples[1]), baseline, "ms");
                bench.table.row("8", "CDP Runtime.evaluate `1` round trip, in-process Playwright CDPSession over the pipe Playwright owns"
                        + " (another browser: the floor of a relay through that pipe)", stats(samples[2]), baseline, "ms");
                Bench.log("CDP raw round trips done");
            }

            Browser overDirect = scripts.chromium().connectOverCDP(direct.toString());
            Browser overDoor = scripts.chromium().connectOverCDP(door.toString(), new BrowserType.ConnectOverCDPOptions().setHeaders(token));
            Page viaDirect = page(overDirect);
            Page viaDoor = page(overDoor);
            long[][] samples = Rounds.measure(bench.config, List.of(() -> viaDirect.evaluate("() => 1"), () -> viaDoor.evaluate("() => 1")));
            String what = "Playwright connectOverCDP page.evaluate `() => 1`: ";
            Stats baseline = stats(samples[0]);
            bench.table.baseline("8", what + "Chromium's own DevTools port", baseline, "ms");
            bench.table.row("8", what + "through ws://hub/cdp/{session}", stats(samples[1]), baseline, "ms");
            overDirect.close();
            overDoor.close();
            Bench.log("CDP connectOverCDP round trips done");

            Stats many = concurrent(CONCURRENT, direct, Map.of());
            Stats manyDoor = concurrent(CONCURRENT, door, token);
            String clients = " raw CDP clients at once, each on its own thread, Runtime.evaluate round trips of all of them: ";
            bench.table.baseline("8", CONCURRENT + clients + "Chromium's own DevTools port", many, "ms");
            bench.table.row("8", CONCURRENT + clients + "through ws://hub/cdp/{session}", manyDoor, many, "ms");
            Bench.log("CDP concurrent round trips done");
        }
    }

    private static Page page(Browser browser) {
        return browser.contexts().get(0).pages().stream().filter(p -> p.url().endsWith("static.html")).findFirst().orElseThrow();
    }

    private static Stats stats(long[] nanos) {
        return Stats.ofNanosAsMillis(nanos, nanos.length);
    }

    /** {@code n} clients, each on its own thread with its own flat session, all at once: every round trip of all of them. */
    private Stats concurrent(int n, URI browserUrl, Map<String, String> headers) throws Exception {
        List<RawPage> clients = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            for (int i = 0; i < n; i++) {
                clients.add(RawPage.open(browserUrl, headers));
            }
            List<Callable<long[]>> work = new ArrayList<>();
            for (RawPage client : clients) {
                work.add(() -> Rounds.measure(bench.config, List.of(client::evaluate))[0]);
            }
            long[] all = new long[0];
            for (Future<long[]> f : threads.invokeAll(work)) {
                long[] some = f.get();
                long[] joined = Arrays.copyOf(all, all.length + some.length);
                System.arraycopy(some, 0, joined, all.length, some.length);
                all = joined;
            }
            return stats(all);
        } finally {
            threads.shutdownNow();
            clients.forEach(RawPage::close);
        }
    }
}
