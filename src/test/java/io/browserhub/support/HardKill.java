package io.browserhub.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * kill -9 of a packaged hub, its drivers and its browsers the moment a login's page.goto answers, as a power cut would:
 * then what cookie the next hub's browser sends. Shared by packaged/HardKillIT (which asserts the flush keeps the login)
 * and the benchmark (which counts how often it survives without the flush).
 */
public final class HardKill {

    /** What the page at {@code whoami} shows for a kept login. */
    public static final String KEPT = "login=erin";

    private HardKill() {
    }

    /**
     * Logs in on a fresh data directory, kills everything as page.goto answers, starts a hub again on the same directory
     * and returns the cookie its browser sends ({@link #KEPT} when the login survived).
     */
    public static String loginThenKill(Path data, boolean flush, Map<String, String> config) throws Exception {
        Map<String, String> all = new HashMap<>(config);
        all.put("browserhub.session.flush-cookies-after-navigation", String.valueOf(flush));
        try (HubProcess hub = HubProcess.start(data, all)) {
            hub.result("session.create", Map.of("id", "bank"));
            hub.result("page.goto", Map.of("session", "bank", "url", TestPages.url("login?user=erin")));
            // its drivers and browsers, wherever their files are (the benchmark's hubs share a driver outside the
            // data directory): a driver left alive would close its browser gracefully when the hub's pipe closes
            Set<ProcessHandle> everything = new LinkedHashSet<>(HubProcess.processesUsing(data));
            hub.handle().descendants().forEach(everything::add);
            everything.add(hub.handle());
            everything.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : everything) {
                p.onExit().get();
            }
        }
        try (HubProcess again = HubProcess.start(data, config)) {
            again.result("page.goto", Map.of("session", "bank", "url", TestPages.url("whoami")));
            return again.result("page.text", Map.of("session", "bank", "selector", "#cookie")).get("text").asText();
        }
    }
}
