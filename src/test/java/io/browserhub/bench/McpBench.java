package io.browserhub.bench;

import io.browserhub.support.HubProcess;
import io.browserhub.support.McpAgentClient;
import io.browserhub.support.RpcClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Row 7, the MCP door: how many characters an agent's context pays for browser_snapshot of the same page, the
 * hub's /mcp against Playwright MCP (whole tool result, and its YAML alone); and a tool call's round trip on /mcp
 * against the same command over JSON-RPC, and against Playwright MCP's over stdio.
 */
final class McpBench {

    /** The benchmark pages: the test pages an agent meets most (forms, links, dialogs, waits) and a shop-sized one. */
    static final List<String> PAGES = List.of("form.html", "links.html", "dialogs.html", "waits.html", "tall.html", "catalogue.html");
    private static final String SESSION = "mcp-bench";
    private static final int FEW = 20;

    private final Bench bench;
    private final List<String> larger = new ArrayList<>();

    McpBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        try (HubProcess hub = bench.startHub("mcp-hub", Map.of());
             RpcClient ws = Bench.ws(hub);
             RawHttpRpc http = new RawHttpRpc(hub.baseUri());
             McpAgentClient ours = McpAgentClient.toHub(hub.baseUri(), HubProcess.TOKEN, "browserhub-bench", SESSION);
             RawHttpMcp raw = new RawHttpMcp(hub.baseUri(), "/mcp?session=" + SESSION);
             McpAgentClient theirs = PlaywrightMcp.start(bench.chromium, bench.dir("playwright-mcp"))) {
            snapshotSizes(ours, theirs);
            roundTrips(ours, raw, theirs, ws, http);
        }
        if (!larger.isEmpty()) {
            throw new AssertionError("browserhub's snapshot is larger than Playwright MCP's on " + larger);
        }
    }

    private void snapshotSizes(McpAgentClient ours, McpAgentClient theirs) {
        for (String page : PAGES) {
            String url = Bench.page(page);
            ours.text("browser_navigate", Map.of("url", url));
            theirs.text("browser_navigate", Map.of("url", url));
            String mine = ours.text("browser_snapshot", Map.of());
            String other = theirs.text("browser_snapshot", Map.of());
            String what = "browser_snapshot of " + page + ", characters";
            bench.table.singleBaseline("7", what + " (whole result): Playwright MCP " + PlaywrightMcp.VERSION, other.length(), "chars");
            bench.table.single("7", what + " (whole result): browserhub /mcp", mine.length(), other.length(), "chars");
            bench.table.singleBaseline("7", what + " (YAML only): Playwright MCP " + PlaywrightMcp.VERSION, yaml(other).length(), "chars");
            bench.table.single("7", what + " (YAML only): browserhub /mcp", yaml(mine).length(), yaml(other).length(), "chars");
            if (mine.length() > other.length()) {
                larger.add(page + " (" + mine.length() + " > " + other.length() + ")");
            }
            Bench.log("snapshot of %s: browserhub %d, Playwright MCP %d characters", page, mine.length(), other.length());
        }
    }

    private void roundTrips(McpAgentClient ours, RawHttpMcp raw, McpAgentClient theirs, RpcClient ws, RawHttpRpc http) {
        String url = Bench.page("static.html");
        ours.text("browser_navigate", Map.of("url", url));
        theirs.text("browser_navigate", Map.of("url", url));
        Map<String, Object> evaluate = Map.of("function", "() => 1");
        Map<String, Object> rpcEvaluate = Map.of("session", SESSION, "function", "() => 1");
        Contender rpc = new Contender("JSON-RPC page.evaluate, WebSocket /rpc", () -> ws.call("page.evaluate", rpcEvaluate));
        measure("evaluate `() => 1` round trip", List.of(rpc,
                new Contender("JSON-RPC page.evaluate, HTTP POST /rpc (minimal client)", () -> http.call("page.evaluate", rpcEvaluate)),
                new Contender("MCP browser_evaluate, browserhub /mcp (minimal HTTP client)", () -> raw.call("browser_evaluate", evaluate)),
                new Contender("MCP browser_evaluate, browserhub /mcp (MCP Java SDK, Streamable HTTP)", () -> ours.text("browser_evaluate", evaluate))),
                bench.config.calls());
        // Playwright MCP lets every action settle for 500 ms (--timeout-settle): a few calls tell that story
        measure("evaluate `() => 1` round trip, " + FEW + " calls", List.of(rpc,
                new Contender("MCP browser_evaluate, Playwright MCP " + PlaywrightMcp.VERSION + " (MCP Java SDK, stdio)",
                        () -> theirs.text("browser_evaluate", evaluate))), FEW);
        measure("browser_snapshot of static.html round trip", List.of(
                new Contender("MCP browser_snapshot, Playwright MCP " + PlaywrightMcp.VERSION + " (MCP Java SDK, stdio)",
                        () -> theirs.text("browser_snapshot", Map.of())),
                new Contender("MCP browser_snapshot, browserhub /mcp (MCP Java SDK, Streamable HTTP)", () -> ours.text("browser_snapshot", Map.of())),
                new Contender("MCP browser_snapshot, browserhub /mcp (minimal HTTP client)", () -> raw.call("browser_snapshot", Map.of()))),
                Math.max(20, bench.config.calls() / 10));
    }

    private record Contender(String name, Supplier<Object> call) {
    }

    /** Warm-up, then the calls in rounds, rotating who goes first; the first contender is the baseline. */
    private void measure(String what, List<Contender> contenders, int calls) {
        int n = contenders.size();
        int warmup = Math.min(bench.config.warmup(), calls / 2);
        for (Contender c : contenders) {
            for (int i = 0; i < warmup; i++) {
                c.call().get();
            }
        }
        long[][] samples = new long[n][calls];
        int rounds = bench.config.rounds();
        int perRound = Math.max(1, calls / rounds);
        int[] filled = new int[n];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < n; k++) {
                int who = (k + round) % n;
                int count = round == rounds - 1 ? calls - filled[who] : Math.min(perRound, calls - filled[who]);
                for (int i = 0; i < count; i++) {
                    long t0 = System.nanoTime();
                    contenders.get(who).call().get();
                    samples[who][filled[who]++] = System.nanoTime() - t0;
                }
            }
        }
        Stats baseline = Stats.ofNanosAsMillis(samples[0], calls);
        bench.table.baseline("7", what + ": " + contenders.get(0).name(), baseline, "ms");
        for (int k = 1; k < n; k++) {
            bench.table.row("7", what + ": " + contenders.get(k).name(), Stats.ofNanosAsMillis(samples[k], calls), baseline, "ms");
        }
        Bench.log("%s done (%d calls each)", what, calls);
    }

    /** The YAML between ```yaml and ``` of a snapshot reply. */
    private static String yaml(String reply) {
        int start = reply.indexOf("```yaml\n");
        if (start < 0) {
            throw new IllegalStateException("No snapshot in: " + reply);
        }
        start += "```yaml\n".length();
        return reply.substring(start, reply.indexOf("\n```", start));
    }
}
