package io.browserhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Row 1: one command's round trip, page.evaluate(() => 1) and page.title, sequentially from one client.
 * Contenders take turns in rounds (rotating who goes first), so a burst of load on the machine hits all alike.
 * Two diagnostic measurements explain the differences: hub.info (a round trip to the hub that touches no
 * browser: the transport's floor) and evaluate after a pause (the session's actor is then pumping Playwright).
 */
final class RoundTripBench {

    private static final long PAUSE_MS = 50;

    /** What one call does. */
    enum Command { EVALUATE, TITLE, HUB_INFO }

    /** One way of sending a command. */
    private record Contender(String name, Function<Command, Object> call) {
        void run(Command command) {
            call.apply(command);
        }
    }

    private final Bench bench;

    RoundTripBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        String url = Bench.page("static.html");
        try (DirectBrowser direct = DirectBrowser.launch(bench.chromium, bench.dir("rt-direct"));
             HubProcess hub = bench.startHub("rt-hub", Map.of());
             HubProcess quietHub = bench.startHub("rt-hub-quiet", Map.of("quarkus.log.category.\"io.browserhub.commands\".level", "WARN"));
             RpcClient ws = Bench.ws(hub);
             RpcClient quietWs = Bench.ws(quietHub);
             RawHttpRpc rawHttp = new RawHttpRpc(hub.baseUri());
             RawWsRpc rawWs = new RawWsRpc(hub.baseUri());
             RunServer server = RunServer.start(bench.driverDir, bench.chromium);
             Playwright remote = DirectBrowser.newPlaywright()) {
            direct.open(url);
            bench.warmInProcess();
            bench.warm(hub);
            bench.warm(quietHub);
            for (RpcClient c : List.of(ws, quietWs)) {
                c.call("session.create", Map.of("id", "rt"));
                c.call("page.goto", Map.of("session", "rt", "url", url));
            }
            HttpRpc jdkHttp = new HttpRpc(hub.baseUri());
            Browser remoteBrowser = server.connect(remote);
            Page remotePage = remoteBrowser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 720));
            remotePage.navigate(url);

            Contender inProcess = playwright("in-process Playwright Java", direct.page);
            Contender hubWs = hub("browserhub, WebSocket /rpc (JDK WebSocket client)", (m, p) -> ws.call(m, p));
            Contender runServer = playwright("Playwright run-server + BrowserType.connect", remotePage);
            Contender hubRawWs = hub("browserhub, WebSocket /rpc (minimal client)", rawWs::call);
            List<Contender> contenders = new ArrayList<>(List.of(
                    inProcess,
                    hubWs,
                    hubRawWs,
                    hub("browserhub, HTTP POST /rpc (keep-alive, minimal client)", rawHttp::call),
                    hub("browserhub, HTTP POST /rpc (keep-alive, JDK HttpClient)", jdkHttp::call),
                    runServer,
                    hub("browserhub, WebSocket /rpc, command log line off", (m, p) -> quietWs.call(m, p))));
            List<Contender> paused = List.of(inProcess, hubWs, hubRawWs, runServer);
            String compareJar = System.getProperty("bench.compareJar", "");
            if (compareJar.isBlank()) {
                measureAll(contenders, paused, ws, rawWs, rawHttp);
                return;
            }
            try (HubProcess other = bench.startHub("rt-hub-compare", Map.of(), Path.of(compareJar)); RpcClient otherWs = Bench.ws(other)) {
                bench.warm(other);
                otherWs.call("session.create", Map.of("id", "rt"));
                otherWs.call("page.goto", Map.of("session", "rt", "url", url));
                contenders.add(hub("browserhub " + compareJar + ", WebSocket /rpc", (m, p) -> otherWs.call(m, p)));
                measureAll(contenders, paused, ws, rawWs, rawHttp);
            }
        }
    }

    private void measureAll(List<Contender> contenders, List<Contender> paused, RpcClient ws, RawWsRpc rawWs, RawHttpRpc rawHttp) throws InterruptedException {
        Stats evaluate = measure("evaluate `() => 1` round trip", contenders, Command.EVALUATE);
        measure("title round trip", contenders, Command.TITLE);
        // the floor: the same transports to a method that never reaches a browser, against the in-process evaluate
        List<Contender> floor = List.of(
                hub("hub.info (no browser: transport + JSON-RPC only): browserhub, WebSocket /rpc, JDK WebSocket client", (m, p) -> ws.call(m, p)),
                hub("hub.info (no browser: transport + JSON-RPC only): browserhub, WebSocket /rpc, minimal client", rawWs::call),
                hub("hub.info (no browser: transport + JSON-RPC only): browserhub, HTTP POST /rpc, minimal client", rawHttp::call));
        long[][] samples = rounds(floor, Command.HUB_INFO);
        for (int k = 0; k < floor.size(); k++) {
            bench.table.row("1", floor.get(k).name() + ", vs in-process evaluate", Stats.ofNanosAsMillis(samples[k], samples[k].length), evaluate, "ms");
        }
        measurePaused(paused);
    }

    /** Warm-up, then the measured calls in rounds; the first contender is the baseline. */
    private Stats measure(String what, List<Contender> contenders, Command command) {
        long[][] samples = rounds(contenders, command);
        Stats baseline = Stats.ofNanosAsMillis(samples[0], samples[0].length);
        bench.table.baseline("1", what + ": " + contenders.get(0).name(), baseline, "ms");
        for (int k = 1; k < contenders.size(); k++) {
            bench.table.row("1", what + ": " + contenders.get(k).name(), Stats.ofNanosAsMillis(samples[k], samples[k].length), baseline, "ms");
        }
        Bench.log("%s done (%d calls each)", what, bench.config.calls());
        return baseline;
    }

    private long[][] rounds(List<Contender> contenders, Command command) {
        return Rounds.measure(bench.config, contenders.stream().map(c -> (Runnable) () -> c.run(command)).toList());
    }

    /**
     * evaluate after the client paused 50 ms, as an agent that thinks between commands does: past the actor's
     * 20 ms hot window, the command arrives while the actor waits inside Playwright (pumping its events).
     */
    private void measurePaused(List<Contender> contenders) throws InterruptedException {
        int calls = Math.max(20, bench.config.calls() / 10);
        long[][] samples = new long[contenders.size()][calls];
        for (int i = 0; i < calls; i++) {
            for (int k = 0; k < contenders.size(); k++) {
                int who = (k + i) % contenders.size();
                Thread.sleep(PAUSE_MS);
                long t0 = System.nanoTime();
                contenders.get(who).run(Command.EVALUATE);
                samples[who][i] = System.nanoTime() - t0;
            }
        }
        String what = "evaluate `() => 1` after a " + PAUSE_MS + " ms pause (" + calls + " calls)";
        Stats baseline = Stats.ofNanosAsMillis(samples[0], calls);
        bench.table.baseline("1", what + ": " + contenders.get(0).name(), baseline, "ms");
        for (int k = 1; k < contenders.size(); k++) {
            bench.table.row("1", what + ": " + contenders.get(k).name(), Stats.ofNanosAsMillis(samples[k], calls), baseline, "ms");
        }
        Bench.log("%s done", what);
    }

    private static Contender playwright(String name, Page page) {
        return new Contender(name, command -> switch (command) {
            case EVALUATE -> expectOne(page.evaluate("() => 1"));
            case TITLE -> page.title();
            case HUB_INFO -> throw new UnsupportedOperationException();
        });
    }

    private interface Rpc {
        JsonNode call(String method, Map<String, Object> params);
    }

    private static Contender hub(String name, Rpc rpc) {
        Map<String, Object> evaluate = Map.of("session", "rt", "function", "() => 1");
        Map<String, Object> session = Map.of("session", "rt");
        return new Contender(name, command -> switch (command) {
            case EVALUATE -> expectOne(rpc.call("page.evaluate", evaluate).get("value").asInt());
            case TITLE -> rpc.call("page.title", session);
            case HUB_INFO -> rpc.call("hub.info", Map.of());
        });
    }

    private static Object expectOne(Object value) {
        if (!(value instanceof Number number) || number.intValue() != 1) {
            throw new IllegalStateException("evaluate(() => 1) returned " + value);
        }
        return value;
    }
}
