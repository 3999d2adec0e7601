package io.browserhub.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import io.browserhub.support.HubProcess;
import io.browserhub.support.TestPages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged hub restarts (SIGTERM, then a new hub on the same port and data directory) while a person's browser is
 * paired with it: the extension notices, reconnects by itself with backoff, with the same credential and the same
 * shared tabs, and agents drive the tab again without the person doing anything.
 */
class ExtensionReconnectIT {

    private static final String SESSION = "my-browser";

    @TempDir
    Path tmp;

    @Test
    void theExtensionReconnectsAfterAHubRestart() throws Exception {
        Path data = tmp.resolve("data");
        try (PersonsBrowser person = PersonsBrowser.launch(tmp.resolve("person"))) {
            HubProcess hub = HubProcess.start(data, Map.of());
            HubProcess again = null;
            try {
                person.pair(hub.baseUri(), HubProcess.TOKEN, SESSION);
                Page page = person.open(TestPages.url("form.html"));
                assertEquals("shared", person.clickToolbarButton(page));
                Eventually.until("the tab in the session", () -> urls(hub), u -> u.contains(page.url()));

                hub.terminate(Duration.ofSeconds(20));
                Eventually.until("the extension noticing the hub is gone", () -> hubState(person), "connecting"::equals);
                assertEquals("ON", person.badge(page), "the tab stays shared while the hub is away");

                again = hub.startAgain();
                HubProcess restarted = again;
                JsonNode browser = Eventually.until("the browser connected to the new hub",
                        () -> result(restarted, "extension.status", Map.of()).path("browsers").path(0), b -> b.path("connected").asBoolean());
                assertEquals(SESSION, browser.path("session").asText(), "the pairing survived the restart: " + browser);
                assertEquals("connected", hubState(person));

                assertTrue(urls(restarted).contains(page.url()), "the shared tab is the session's tab again");
                String tab = tabId(restarted, page.url());
                result(restarted, "page.fill", Map.of("session", SESSION, "tab", tab, "selector", "#name", "value", "after the restart"));
                assertEquals("after the restart", page.inputValue("#name"), "the new hub drives the person's tab");
            } finally {
                if (again != null) {
                    again.close();
                }
                hub.close();
            }
        }
    }

    private static String hubState(PersonsBrowser person) {
        return (String) person.inExtension("() => self.browserhub.hub.state", null);
    }

    private static List<String> urls(HubProcess hub) {
        List<String> urls = new ArrayList<>();
        result(hub, "tab.list", Map.of("session", SESSION)).path("tabs").forEach(t -> urls.add(t.path("url").asText()));
        return urls;
    }

    private static String tabId(HubProcess hub, String url) {
        for (JsonNode t : result(hub, "tab.list", Map.of("session", SESSION)).path("tabs")) {
            if (t.path("url").asText().equals(url)) {
                return t.path("id").asText();
            }
        }
        throw new AssertionError("No tab at " + url);
    }

    private static JsonNode result(HubProcess hub, String method, Map<String, Object> params) {
        try {
            return hub.result(method, params);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
