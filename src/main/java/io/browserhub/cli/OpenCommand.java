package io.browserhub.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code browserhub open ID [--headed] [--grid] [--url URL]}: session.ensure, then page.goto, then the links to it. */
@Command(sortOptions = false,
        description = {"Opens a session (creates or starts it) and prints its link.",
                "Optionally goes to a page (--url); prints the session's CDP URL when the hub has one.",
                "The hub, for this command: --hub or $BROWSERHUB_URL."})
final class OpenCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Session id: letters, digits, . _ - (up to 64).")
    String id;

    @Option(names = "--headed", description = "With a browser window, when the browser starts now (default: the hub's"
            + " browserhub.browser.headless).")
    boolean headed;

    @Option(names = "--grid", description = "A new session runs on the hub's Selenium Grid (placement \"grid\"; default:"
            + " the hub's browserhub.grid.default).")
    boolean grid;

    @Option(names = "--url", paramLabel = "URL", description = "Then go to this page.")
    String pageUrl;

    @Override
    void run() {
        HubClient client = hub.client();
        Map<String, Object> ensure = new LinkedHashMap<>();
        ensure.put("id", id);
        if (headed) {
            ensure.put("headless", false);
        }
        if (grid) {
            ensure.put("placement", "grid");
        }
        Map<String, Object> info = Json.object(client.call("session.ensure", ensure));
        Map<String, Object> page = pageUrl == null ? null
                : Json.object(client.call("page.goto", Map.of("session", id, "url", pageUrl)));
        String link = hub.dashboardUrl(client.credential(), id);
        if (headed && Json.flag(info, "headless")) {
            err().println("browserhub: session " + id + " was already running without a window; stop it first"
                    + " (browserhub stop " + id + ") to open it with one.");
        }
        if (hub.json) {
            Map<String, Object> out = new LinkedHashMap<>(info);
            out.put("dashboardUrl", link);
            if (page != null) {
                out.put("page", page);
            }
            out().println(Json.pretty(out));
            return;
        }
        String node = Json.text(info, "node", null);
        out().println("Session " + id + " is " + Json.text(info, "state", "?") + (Json.flag(info, "headless") ? " (headless)" : " (with a window)")
                + (node == null ? "" : " on Grid node " + node) + ".");
        if (page != null) {
            out().println("Page:      " + Json.text(page, "url", pageUrl) + "  " + Json.text(page, "title", ""));
        }
        out().println("Dashboard: " + link);
        String cdp = Json.text(info, "cdpUrl", null);
        if (cdp != null) {
            out().println("CDP:       " + cdp);
        }
    }
}
