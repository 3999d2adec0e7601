package io.browserhub.bench;

import com.google.gson.JsonObject;
import io.browserhub.session.ScreencastSettings;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Row 10: what a person watching the live view feels. A click goes to a page that turns from black to white (or
 * back) on every mouse press; the time from sending the click to the arrival of the first screencast frame that shows
 * the new colour (the client decodes each frame and looks at its centre). Baseline: in-process Playwright, its
 * page.mouse().click() and Chromium's CDP screencast read through a CDPSession. browserhub: input.mouse over the
 * /rpc WebSocket of one client, frames over the /rpc WebSocket of another (the dashboard's situation). The JPEG decode
 * is not counted for either: arrival is stamped before decoding.
 */
final class LiveViewBench {

    private static final int X = 640;
    private static final int Y = 360;

    private final Bench bench;

    LiveViewBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        String url = Bench.page("click-color.html");
        int clicks = Math.max(10, bench.config.calls() / 20);
        Stats base;
        bench.warmInProcess();
        try (DirectBrowser direct = DirectBrowser.launch(bench.chromium, bench.dir("live-direct"))) {
            direct.page.navigate(url);
            base = inProcess(direct, clicks);
        }
        Bench.log("click to frame in process: %.1f/%.1f ms", base.median(), base.p95());
        bench.table.baseline("10", "click → first frame showing it: in-process page.mouse().click + CDP screencast", base, "ms");
        try (HubProcess hub = bench.startHub("live-hub", Map.of()); RpcClient agent = Bench.ws(hub); RpcClient viewer = Bench.ws(hub)) {
            bench.warm(hub);
            agent.call("session.create", Map.of("id", "live"));
            agent.call("page.goto", Map.of("session", "live", "url", url));
            Stats hubStats = viaHub(agent, viewer, clicks);
            Bench.log("click to frame via the hub: %.1f/%.1f ms", hubStats.median(), hubStats.p95());
            bench.table.row("10", "click → first frame showing it: browserhub input.mouse (WebSocket) + screencast to a second WebSocket",
                    hubStats, base, "ms");
        }
    }

    private static Stats inProcess(DirectBrowser direct, int clicks) {
        Page page = direct.page;
        CDPSession cdp = direct.context.newCDPSession(page);
        List<long[]> arrivals = new ArrayList<>(); // {arrivedAtNanos, white ? 1 : 0}
        cdp.on("Page.screencastFrame", event -> {
            long arrived = System.nanoTime();
            JsonObject ack = new JsonObject();
            ack.addProperty("sessionId", event.get("sessionId").getAsInt());
            cdp.send("Page.screencastFrameAck", ack);
            byte[] jpeg = java.util.Base64.getDecoder().decode(event.get("data").getAsString());
            arrivals.add(new long[] {arrived, white(jpeg) ? 1 : 0});
        });
        cdp.send("Page.startScreencast", ScreencastSettings.DEFAULT.startParams());
        page.waitForTimeout(500);
        long[] samples = new long[clicks];
        boolean white = false;
        for (int i = 0; i < clicks; i++) {
            arrivals.clear();
            long t0 = System.nanoTime();
            page.mouse().click(X, Y);
            white = !white;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(5);
            long seen = -1;
            while (seen < 0 && System.nanoTime() < deadline) {
                for (long[] a : List.copyOf(arrivals)) {
                    if (a[0] > t0 && (a[1] == 1) == white) {
                        seen = a[0];
                        break;
                    }
                }
                if (seen < 0) {
                    page.waitForTimeout(1); // frames arrive only while this thread is inside Playwright
                }
            }
            if (seen < 0) {
                throw new IllegalStateException("no frame showed click " + i + " within 5 s");
            }
            samples[i] = seen - t0;
            page.waitForTimeout(100); // let the page settle between clicks
        }
        cdp.send("Page.stopScreencast");
        cdp.detach();
        return Stats.ofNanosAsMillis(samples, clicks);
    }

    private static Stats viaHub(RpcClient agent, RpcClient viewer, int clicks) throws Exception {
        viewer.call("screencast.start", Map.of("session", "live"));
        drain(viewer, 500);
        long[] samples = new long[clicks];
        boolean white = false;
        for (int i = 0; i < clicks; i++) {
            drain(viewer, 0);
            long t0 = System.nanoTime();
            agent.send("input.mouse", Map.of("session", "live", "action", "click", "x", X, "y", Y));
            white = !white;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(5);
            long seen = -1;
            while (seen < 0 && System.nanoTime() < deadline) {
                RpcClient.BinaryFrame f = viewer.nextFrame(Duration.ofMillis(100));
                if (f == null) {
                    continue;
                }
                ack(viewer, f);
                if (f.receivedAtNanos() > t0 && white(f.image()) == white) {
                    seen = f.receivedAtNanos();
                }
            }
            if (seen < 0) {
                throw new IllegalStateException("no frame showed click " + i + " within 5 s");
            }
            samples[i] = seen - t0;
            Thread.sleep(100);
        }
        viewer.call("screencast.stop", Map.of("session", "live"));
        return Stats.ofNanosAsMillis(samples, clicks);
    }

    /** Reads and acknowledges the frames that arrive within {@code ms}, forgetting them. */
    private static void drain(RpcClient viewer, long ms) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        do {
            RpcClient.BinaryFrame f = viewer.nextFrame(Duration.ofMillis(Math.max(1, ms == 0 ? 1 : 50)));
            if (f != null) {
                ack(viewer, f);
            } else if (ms == 0) {
                return;
            }
        } while (System.nanoTime() < end || ms == 0);
    }

    private static void ack(RpcClient viewer, RpcClient.BinaryFrame f) {
        viewer.sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"screencast.ack\",\"params\":{\"session\":\"live\",\"seq\":"
                + f.header().get("seq").asLong() + "}}");
    }

    /** Whether the centre of the frame is light. */
    static boolean white(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            int rgb = image.getRGB(image.getWidth() / 2, image.getHeight() / 2);
            int luminance = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
            return luminance > 3 * 128;
        } catch (IOException e) {
            throw new IllegalStateException("a frame that is not a JPEG", e);
        }
    }
}
