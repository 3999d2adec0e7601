package io.browserhub.bench;

import com.google.gson.JsonObject;
import io.browserhub.session.ScreencastSettings;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Row 4: the live view of an animating page (animation.html, a requestAnimationFrame loop). Baseline: Chromium's
 * CDP screencast read in process through Playwright's CDPSession, each frame acknowledged at once. browserhub:
 * 1, 5 and 20 WebSocket viewers of one session, each acknowledging each frame as soon as it arrives.
 * Latency is from the frame's capture time (CDP metadata.timestamp, the header's ts) to its arrival.
 */
final class ScreencastBench {

    private static final int[] VIEWERS = {1, 5, 20};

    private record Result(double pageFps, List<Double> viewerFps, Stats latency) {
        double medianFps() {
            return Stats.of(viewerFps).median();
        }

        double slowestFps() {
            return viewerFps.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        }
    }

    private final Bench bench;

    ScreencastBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        String url = Bench.page("animation.html");
        Result base;
        try (DirectBrowser direct = DirectBrowser.launch(bench.chromium, bench.dir("cast-direct"))) {
            direct.page.navigate(url);
            base = inProcess(direct);
        }
        Bench.log("screencast in process: %.1f fps of %.1f, latency %.1f/%.1f ms", base.medianFps(), base.pageFps, base.latency.median(), base.latency.p95());
        bench.table.singleBaseline("4", String.format(Locale.ROOT, "screencast frames/s: in-process CDP screencast via Playwright CDPSession"
                + " (page draws %.1f fps; %.2f of it)", base.pageFps, base.medianFps() / base.pageFps), base.medianFps(), "fps");
        bench.table.baselineDelta("4", "screencast latency, capture (header ts, Chromium's clock) → arrival: in-process CDP screencast",
                base.latency, "ms");
        try (HubProcess hub = bench.startHub("cast-hub", Map.of()); RpcClient control = Bench.ws(hub)) {
            control.call("session.create", Map.of("id", "cast"));
            control.call("page.goto", Map.of("session", "cast", "url", url));
            for (int v : VIEWERS) {
                Result r = viewers(hub, control, v);
                Bench.log("screencast %d viewers: %.1f fps (slowest %.1f) of %.1f, latency %.1f/%.1f ms",
                        v, r.medianFps(), r.slowestFps(), r.pageFps, r.latency.median(), r.latency.p95());
                String who = v + (v == 1 ? " viewer" : " viewers");
                bench.table.single("4", String.format(Locale.ROOT, "screencast frames/s per viewer: browserhub, %s"
                                + " (median viewer; slowest %.1f; page draws %.1f fps; %.2f of it)", who, r.slowestFps(), r.pageFps, r.medianFps() / r.pageFps),
                        r.medianFps(), base.medianFps(), "fps");
                bench.table.rowDelta("4", "screencast latency, capture → arrival: browserhub, " + who + " (difference to the baseline)",
                        r.latency, base.latency, "ms");
            }
        }
    }

    private Result inProcess(DirectBrowser direct) {
        Page page = direct.page;
        CDPSession cdp = direct.context.newCDPSession(page);
        List<Double> latencies = new ArrayList<>();
        int[] frames = new int[1];
        boolean[] measuring = new boolean[1];
        boolean[] stopped = new boolean[1];
        cdp.on("Page.screencastFrame", event -> {
            long arrived = System.currentTimeMillis();
            if (stopped[0]) {
                return; // a frame still in flight when the screencast stopped
            }
            JsonObject ack = new JsonObject();
            ack.addProperty("sessionId", event.get("sessionId").getAsInt());
            cdp.send("Page.screencastFrameAck", ack);
            if (measuring[0]) {
                frames[0]++;
                double captured = event.getAsJsonObject("metadata").get("timestamp").getAsDouble() * 1000;
                latencies.add(arrived - captured);
            }
        });
        cdp.send("Page.startScreencast", ScreencastSettings.DEFAULT.startParams());
        pumpFor(page, TimeUnit.SECONDS.toMillis(bench.config.warmupSeconds()));
        double n0 = ((Number) page.evaluate("() => n")).doubleValue();
        long t0 = System.nanoTime();
        measuring[0] = true;
        pumpFor(page, TimeUnit.SECONDS.toMillis(bench.config.seconds()));
        measuring[0] = false;
        double seconds = (System.nanoTime() - t0) / 1e9;
        double n1 = ((Number) page.evaluate("() => n")).doubleValue();
        stopped[0] = true;
        cdp.send("Page.stopScreencast");
        cdp.detach();
        return new Result((n1 - n0) / seconds, List.of(frames[0] / seconds), Stats.of(latencies));
    }

    /** Playwright delivers events only while its thread is inside a call: wait inside Playwright. */
    private static void pumpFor(Page page, long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            page.waitForTimeout(Math.max(1, Math.min(50, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
        }
    }

    private Result viewers(HubProcess hub, RpcClient control, int count) throws Exception {
        List<RpcClient> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Double> latencies = new CopyOnWriteArrayList<>();
        int[] frames = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                RpcClient viewer = Bench.ws(hub);
                clients.add(viewer);
                viewer.call("screencast.start", Map.of("session", "cast"));
                int who = i;
                Thread t = new Thread(() -> watch(viewer, who, frames, latencies, measuring, running), "bench-viewer-" + i);
                threads.add(t);
                t.start();
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(bench.config.warmupSeconds()));
            double n0 = control.call("page.evaluate", Map.of("session", "cast", "function", "() => n")).get("value").asDouble();
            long t0 = System.nanoTime();
            measuring.set(true);
            Thread.sleep(TimeUnit.SECONDS.toMillis(bench.config.seconds()));
            measuring.set(false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double n1 = control.call("page.evaluate", Map.of("session", "cast", "function", "() => n")).get("value").asDouble();
            List<Double> fps = new ArrayList<>();
            synchronized (frames) {
                for (int f : frames) {
                    fps.add(f / seconds);
                }
            }
            if (latencies.isEmpty()) {
                throw new IllegalStateException("no frame arrived with " + count + " viewers");
            }
            return new Result((n1 - n0) / seconds, fps, Stats.of(List.copyOf(latencies)));
        } finally {
            running.set(false);
            for (Thread t : threads) {
                t.join(5_000);
            }
            for (RpcClient c : clients) {
                try {
                    c.call("screencast.stop", Map.of("session", "cast"));
                } catch (RuntimeException ignored) {
                    // closing ends the viewer anyway
                }
                c.close();
            }
        }
    }

    private static void watch(RpcClient viewer, int who, int[] frames, List<Double> latencies, AtomicBoolean measuring, AtomicBoolean running) {
        try {
            while (running.get()) {
                RpcClient.BinaryFrame frame = viewer.nextFrame(java.time.Duration.ofMillis(100));
                if (frame == null) {
                    continue;
                }
                long seq = frame.header().get("seq").asLong();
                viewer.sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"screencast.ack\",\"params\":{\"session\":\"cast\",\"seq\":" + seq + "}}");
                if (measuring.get()) {
                    latencies.add((double) (frame.receivedAtMs() - frame.header().get("ts").asLong()));
                    synchronized (frames) {
                        frames[who]++;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
