package io.browserhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Row 2: starting a browser. In process: Playwright.create (its driver) + launchPersistentContext until the
 * first page is there. browserhub: session.create over /rpc, then one command (page.url) answered, since that
 * is when an agent can use it. Resume: the same on an existing profile, reopening the saved tab.
 */
final class SessionStartBench {

    private final Bench bench;

    SessionStartBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        String url = Bench.page("static.html");
        int n = bench.config.starts();
        List<Double> directFresh = new ArrayList<>();
        List<Double> hubFresh = new ArrayList<>();
        List<Double> directResume = new ArrayList<>();
        List<Double> hubResume = new ArrayList<>();
        Path resumeProfile = bench.dir("start-direct-resume");
        try (DirectBrowser first = DirectBrowser.launch(bench.chromium, resumeProfile)) {
            first.open(url);
        }
        try (HubProcess hub = bench.startHub("start-hub", Map.of()); RpcClient ws = Bench.ws(hub)) {
            ws.call("session.create", Map.of("id", "resume"));
            ws.call("page.goto", Map.of("session", "resume", "url", url));
            ws.call("session.stop", Map.of("id", "resume"));
            // one untimed start each, so class loading and JIT of the first start are not in the numbers
            DirectBrowser.launch(bench.chromium, bench.dir("start-direct-warm")).close();
            ws.call("session.create", Map.of("id", "warm"));
            ws.call("session.delete", Map.of("id", "warm"));
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                try (DirectBrowser direct = DirectBrowser.launch(bench.chromium, bench.dir("start-direct"))) {
                    directFresh.add(ms(t0));
                    direct.page.url();
                }

                String id = "start-" + i;
                t0 = System.nanoTime();
                ws.call("session.create", Map.of("id", id));
                ws.call("page.url", Map.of("session", id));
                hubFresh.add(ms(t0));
                ws.call("session.delete", Map.of("id", id));

                t0 = System.nanoTime();
                try (DirectBrowser direct = DirectBrowser.launch(bench.chromium, resumeProfile)) {
                    direct.open(url);
                    directResume.add(ms(t0));
                }

                t0 = System.nanoTime();
                JsonNode resumed = ws.call("page.url", Map.of("session", "resume"));
                hubResume.add(ms(t0));
                if (!resumed.get("url").asText().equals(url)) {
                    throw new IllegalStateException("resume did not reopen the tab: " + resumed);
                }
                ws.call("session.stop", Map.of("id", "resume"));
            }
        }
        Stats direct = Stats.of(directFresh);
        bench.directStart = direct;
        bench.table.baseline("2", "session start, new profile: in-process Playwright.create + launchPersistentContext", direct, "ms");
        bench.table.row("2", "session start, new profile: browserhub session.create + first command over WebSocket", Stats.of(hubFresh), direct, "ms");
        Stats resumeBase = Stats.of(directResume);
        bench.table.baseline("2", "resume a stopped session (existing profile, tab reopened): in-process relaunch + navigate", resumeBase, "ms");
        bench.table.row("2", "resume a stopped session: browserhub, first command to the stopped session", Stats.of(hubResume), resumeBase, "ms");
        Bench.log("session starts done (%d each)", n);
    }

    static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
