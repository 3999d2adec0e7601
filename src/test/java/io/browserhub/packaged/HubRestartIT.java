package io.browserhub.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.session.SessionStore;
import io.browserhub.support.HubProcess;
import io.browserhub.support.TestPages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged hub as a user runs it: logins survive the whole hub stopping (SIGTERM) or dying (SIGKILL),
 * and no browser or driver process outlives it.
 */
class HubRestartIT {

    @TempDir
    Path tmp;

    @Test
    void sigtermClosesEveryBrowserAndANewHubFindsTheLoginAgain() throws Exception {
        Path data = tmp.resolve("data");
        try (HubProcess hub = HubProcess.start(data, Map.of())) {
            hub.result("session.create", Map.of("id", "shop"));
            hub.result("page.goto", Map.of("session", "shop", "url", TestPages.url("login?user=carol")));
            hub.result("page.evaluate", Map.of("session", "shop", "function", "(v) => localStorage.setItem('cart', v)", "arg", "3 apples"));
            assertTrue(!HubProcess.processesUsing(data).isEmpty(), "a browser and a driver run on the data directory");
            Path temp = SessionStore.tempDirOf(data);
            assertTrue(Files.isDirectory(temp), "the browser's temp files are in " + temp);

            hub.terminate(Duration.ofSeconds(10));
            assertTrue(hub.log().contains("Session shop stopped"), "the session's browser was closed gracefully:\n" + hub.log());
            assertEquals(List.of(), alive(HubProcess.processesUsing(data)), "no chromium or node process of ours survives the hub");
            assertTrue(Files.notExists(data.resolve("sessions/shop/profile/SingletonLock")), "Chromium closed its profile cleanly");
            assertTrue(Files.notExists(temp), "the hub leaves nothing in the system temp folder: " + temp);
        }
        try (HubProcess again = HubProcess.start(data, Map.of())) {
            JsonNode listed = again.result("session.get", Map.of("id", "shop"));
            assertEquals("stopped", listed.get("state").asText(), "sessions load as stopped");
            assertTrue(listed.get("tabs").get(0).get("url").asText().endsWith("/login?user=carol"));
            assertEquals("3 apples", again.result("page.evaluate",
                    Map.of("session", "shop", "function", "() => localStorage.getItem('cart')")).get("value").asText());
            again.result("page.goto", Map.of("session", "shop", "url", TestPages.url("whoami")));
            assertEquals("login=carol", again.result("page.text", Map.of("session", "shop", "selector", "#cookie")).get("text").asText());
        }
    }

    @Test
    void ctrlCStopsTheSessionsWithTheHubInsteadOfCrashingThem() throws Exception {
        Path data = tmp.resolve("data");
        try (HubProcess hub = HubProcess.start(data, Map.of())) {
            assumeFalse(hub.ignoresInterrupt(), "this build runs as a shell's background job, with SIGINT ignored: no Ctrl+C can reach the hub");
            hub.result("session.create", Map.of("id", "desk"));
            hub.result("page.goto", Map.of("session", "desk", "url", TestPages.url("static.html")));

            hub.interruptGroup(Duration.ofSeconds(20));
            String log = hub.log();
            assertTrue(log.contains("Session desk stopped"), "the session stopped with the hub:\n" + log);
            assertTrue(!log.contains("crashed") && !log.contains("could not start") && !log.contains(" ERROR "),
                    "no crash, no failed start, no error while the hub shut down:\n" + log);
            List<String> states = Files.readAllLines(data.resolve("sessions/desk/activity.jsonl")).stream()
                    .filter(line -> line.contains("\"kind\":\"session.state\"")).toList();
            String last = states.get(states.size() - 1);
            assertTrue(last.contains("\"state\":\"stopped\"") && last.contains("\"reason\":\"shutdown\""),
                    "the session's last state is stopped by the shutdown: " + states);
        }
    }

    @Test
    void afterSigkillTheNextHubEndsTheOrphansAndResumesTheSession() throws Exception {
        Path data = tmp.resolve("data");
        try (HubProcess hub = HubProcess.start(data, Map.of())) {
            hub.result("session.create", Map.of("id", "bank"));
            hub.result("page.goto", Map.of("session", "bank", "url", TestPages.url("login?user=dave")));
            // Chromium writes cookies to disk on its own schedule; a graceful stop of the session flushes them now
            hub.result("session.stop", Map.of("id", "bank"));
            hub.result("page.title", Map.of("session", "bank"));
            hub.kill();
        }
        try (HubProcess again = HubProcess.start(data, Map.of())) {
            List<ProcessHandle> ours = HubProcess.processesUsing(data);
            assertTrue(ours.stream().allMatch(p -> p.parent().map(parent -> isDescendantOf(parent, again.handle())).orElse(false)),
                    "every browser left by the killed hub was ended: " + ours.stream().map(p -> p.info().commandLine().orElse("?")).toList());
            assertEquals("stopped", again.result("session.get", Map.of("id", "bank")).get("state").asText());
            again.result("page.goto", Map.of("session", "bank", "url", TestPages.url("whoami")));
            assertEquals("login=dave", again.result("page.text", Map.of("session", "bank", "selector", "#cookie")).get("text").asText(),
                    "the profile's stale locks were cleared and its cookies are there");
        }
    }

    private static List<ProcessHandle> alive(List<ProcessHandle> processes) throws InterruptedException {
        for (int i = 0; i < 20 && processes.stream().anyMatch(ProcessHandle::isAlive); i++) {
            Thread.sleep(100);
        }
        return processes.stream().filter(ProcessHandle::isAlive).toList();
    }

    private static boolean isDescendantOf(ProcessHandle p, ProcessHandle ancestor) {
        for (ProcessHandle at = p; at != null; at = at.parent().orElse(null)) {
            if (at.pid() == ancestor.pid()) {
                return true;
            }
        }
        return false;
    }
}
