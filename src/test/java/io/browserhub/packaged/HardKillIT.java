package io.browserhub.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.browserhub.support.HubProcess;
import io.browserhub.support.TestPages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the hub, its drivers and its browsers the moment a login's page.goto answers: with
 * browserhub.session.flush-cookies-after-navigation the cookie the login set is in the profile when the next hub
 * starts. Also prints how often it survives without the flush, and what the flush costs per page.goto.
 */
class HardKillIT {

    @TempDir
    Path tmp;

    private static final int TRIALS = 3;

    @Test
    void aLoginRightBeforeAHardKillOfEverythingSurvivesWithTheFlush() throws Exception {
        int keptWith = 0;
        int keptWithout = 0;
        for (int i = 0; i < TRIALS; i++) {
            keptWith += loginThenKill(tmp.resolve("on-" + i), true).equals("login=erin") ? 1 : 0;
            keptWithout += loginThenKill(tmp.resolve("off-" + i), false).equals("login=erin") ? 1 : 0;
        }
        System.out.printf("HardKillIT: kill -9 of everything as page.goto answers: login kept %d/%d with the flush, %d/%d without%n",
                keptWith, TRIALS, keptWithout, TRIALS);
        System.out.printf("HardKillIT: page.goto median %.1f ms with the flush, %.1f ms without%n",
                gotoMedian(tmp.resolve("cost-on"), true), gotoMedian(tmp.resolve("cost-off"), false));
        assertEquals(TRIALS, keptWith, "with the flush, the cookie of a finished page.goto is on disk");
    }

    /** The cookie the next hub's browser sends, after a login and a kill -9 of everything as soon as page.goto answered. */
    private static String loginThenKill(Path data, boolean flush) throws Exception {
        try (HubProcess hub = HubProcess.start(data, Map.of("browserhub.session.flush-cookies-after-navigation", String.valueOf(flush)))) {
            hub.result("session.create", Map.of("id", "bank"));
            hub.result("page.goto", Map.of("session", "bank", "url", TestPages.url("login?user=erin")));
            List<ProcessHandle> everything = new ArrayList<>(HubProcess.processesUsing(data));
            everything.add(hub.handle());
            everything.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : everything) {
                p.onExit().get();
            }
        }
        try (HubProcess again = HubProcess.start(data, Map.of())) {
            again.result("page.goto", Map.of("session", "bank", "url", TestPages.url("whoami")));
            return again.result("page.text", Map.of("session", "bank", "selector", "#cookie")).get("text").asText();
        }
    }

    private static double gotoMedian(Path data, boolean flush) throws Exception {
        try (HubProcess hub = HubProcess.start(data, Map.of("browserhub.session.flush-cookies-after-navigation", String.valueOf(flush)))) {
            hub.result("session.create", Map.of("id", "cost"));
            double[] ms = new double[31];
            for (int i = -5; i < ms.length; i++) {
                long t0 = System.nanoTime();
                hub.result("page.goto", Map.of("session", "cost", "url", TestPages.url("login?user=u" + i)));
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            Arrays.sort(ms);
            return ms[ms.length / 2];
        }
    }
}
