package io.browserhub.cdp;

import static io.browserhub.cdp.CdpPlaywright.page;
import static io.browserhub.support.SharedSessions.awaitEvent;
import static io.browserhub.support.SharedSessions.client;
import static io.browserhub.support.SharedSessions.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import io.browserhub.support.CdpClient;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A CDP client is one more client of the session: control leases bind it, and it cannot take the session away. */
@QuarkusTest
class CdpSharingTest extends CdpPlaywright.Scenario {

    @Test
    void aPersonsLeaseBlocksCdpNavigationAndInputNamingThePerson() {
        try (RpcClient person = client("ada", "human")) {
            String s = fresh(person, "cdp-lease", "static.html");
            person.call("control.acquire", Map.of("session", s));
            Browser browser = playwright.connect(s, "?client=script");
            try (CdpClient raw = CdpClient.toSession(s, "?client=raw")) {
                Page page = page(browser, "static.html");
                PlaywrightException refused = assertThrows(PlaywrightException.class, () -> page.navigate(TestPages.url("second.html")));
                assertTrue(refused.getMessage().contains("human \"ada\""), refused.getMessage());
                PlaywrightException click = assertThrows(PlaywrightException.class, () -> page.mouse().click(10, 10));
                assertTrue(click.getMessage().contains("ada"), click.getMessage());
                assertEquals("static", page.title(), "reading is open to everyone");

                String rawPage = raw.attachToPage("static.html");
                JsonNode error = raw.error("Page.reload", Map.of(), rawPage);
                assertEquals(-32004, error.get("code").asInt());
                assertEquals("CONTROL_HELD", error.get("data").asText());
                assertTrue(error.get("message").asText().contains("ada"), error.toString());
                assertEquals(TestPages.url("static.html"), CdpDoorTest.location(person, s));

                person.call("control.release", Map.of("session", s));
                page.navigate(TestPages.url("second.html"));
                assertEquals(TestPages.url("second.html"), CdpDoorTest.location(person, s));
            } finally {
                browser.close();
            }
        }
    }

    @Test
    void aTabLeasedToAnAgentIsOffLimitsToCdpClientsWhileOtherTabsStayOpen() {
        try (RpcClient agent = client("tab-owner", "agent")) {
            String s = fresh(agent, "cdp-tab-lease", "static.html");
            agent.call("tab.new", Map.of("session", s, "url", TestPages.url("form.html"), "lease", true));
            agent.call("tab.list", Map.of("session", s)); // the hub has learnt its tabs' targets
            Browser browser = playwright.connect(s, "?client=script");
            try {
                Page leased = page(browser, "form.html");
                PlaywrightException refused = assertThrows(PlaywrightException.class, () -> leased.navigate(TestPages.url("second.html")));
                assertTrue(refused.getMessage().contains("tab-owner") && refused.getMessage().contains("Tab t2"), refused.getMessage());
                Page free = page(browser, "static.html");
                free.navigate(TestPages.url("second.html"));
                assertEquals("Second page", free.title(), "the tab nobody leased is open to the CDP client");
            } finally {
                browser.close();
            }
        }
    }

    @Test
    void aCdpConnectionCanHoldControlWhileItIsOpen() throws Exception {
        try (RpcClient agent = client("other-agent", "agent")) {
            String s = fresh(agent, "cdp-holds", "sharing-control.html");
            agent.call("events.subscribe", Map.of("session", s, "kinds", List.of("control.changed")));
            try (CdpClient raw = CdpClient.toSession(s, "?client=cdp-driver&control=acquire")) {
                awaitEvent(agent, "control.changed", e -> e.at("/data/reason").asText().equals("acquired"));
                JsonNode status = agent.call("control.status", Map.of("session", s));
                assertEquals("cdp-driver", status.at("/holder/name").asText());
                assertEquals("agent", status.at("/holder/kind").asText());
                RpcError refused = assertThrows(RpcError.class, () -> agent.call("page.click", Map.of("session", s, "selector", "#inc")));
                assertEquals("CONTROL_HELD", refused.kind());
                assertEquals("cdp-driver", refused.data().at("/holder/name").asText());

                String page = raw.attachToPage("sharing-control.html");
                raw.evaluate(page, "document.querySelector('#inc').click()");
                try (CdpClient second = CdpClient.toSession(s, "?client=latecomer&control=acquire")) {
                    assertEquals(CdpConnection.CLOSE_CONTROL_HELD, second.closed().get(30, TimeUnit.SECONDS));
                    assertTrue(second.closeReason().contains("cdp-driver"), second.closeReason());
                }
            }
            JsonNode ended = awaitEvent(agent, "control.changed", e -> e.at("/data/reason").asText().equals("disconnected"));
            assertEquals("cdp-driver", ended.at("/data/previous/name").asText());
            agent.call("page.click", Map.of("session", s, "selector", "#inc"));
        }
    }

    @Test
    void aFloodOfMouseMovesIsOneActivityEntry() throws Exception {
        try (RpcClient rpc = Hub.connect()) {
            String s = fresh(rpc, "cdp-flood", "form.html");
            rpc.call("events.subscribe", Map.of("session", s, "kinds", List.of("command")));
            try (CdpClient raw = CdpClient.toSession(s, "?client=mouse")) {
                String page = raw.attachToPage("form.html");
                // sent back to back, as a drag would be, and answered afterwards
                List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    answers.add(raw.send("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", 10 + i, "y", 10 + i), page));
                }
                answers.add(raw.send("Input.dispatchMouseEvent", Map.of("type", "mousePressed", "x", 50, "y", 50, "button", "left", "clickCount", 1), page));
                answers.add(raw.send("Input.dispatchMouseEvent", Map.of("type", "mouseReleased", "x", 50, "y", 50, "button", "left", "clickCount", 1), page));
                for (CompletableFuture<JsonNode> answer : answers) {
                    assertTrue(answer.get(30, TimeUnit.SECONDS).has("result"), answer.get().toString());
                }
            }
            JsonNode burst = awaitEvent(rpc, "command", e -> e.at("/data/method").asText().equals("Input.dispatchMouseEvent"));
            assertEquals("mouse", burst.at("/data/client/name").asText());
            assertEquals(42, burst.at("/data/count").asInt());
            assertEquals("mouseMoved,mousePressed,mouseReleased", burst.at("/data/type").asText());
            JsonNode next = awaitEvent(rpc, "command", e -> e.at("/data/client/name").asText().equals("mouse"));
            assertEquals("cdp.disconnect", next.at("/data/method").asText(), "one entry for the whole burst");
        }
    }

    @Test
    void aCdpClientCannotCrashTheBrowserNorDisposeOfTheSessionsContext() {
        try (RpcClient rpc = Hub.connect()) {
            String s = fresh(rpc, "cdp-refusals", "static.html");
            try (CdpClient raw = CdpClient.toSession(s)) {
                assertTrue(raw.error("Browser.crash", Map.of(), null).get("message").asText().contains("refused"));
                String defaultContext = raw.call("Target.getBrowserContexts", Map.of()).get("defaultBrowserContextId").asText();
                JsonNode dispose = raw.error("Target.disposeBrowserContext", Map.of("browserContextId", defaultContext), null);
                assertTrue(dispose.get("message").asText().contains("created on this connection"), dispose.toString());

                String own = raw.call("Target.createBrowserContext", Map.of()).get("browserContextId").asText();
                raw.call("Target.disposeBrowserContext", Map.of("browserContextId", own));
            }
            assertEquals("running", rpc.call("session.get", Map.of("id", s)).get("state").asText());
            assertEquals("static", rpc.call("page.title", Map.of("session", s)).get("title").asText());
        }
    }

    @Test
    void downloadsStayTheSessionsWhenPlaywrightConnects() throws Exception {
        try (RpcClient rpc = Hub.connect()) {
            String s = fresh(rpc, "cdp-downloads", "sharing-events.html");
            rpc.call("events.subscribe", Map.of("session", s, "kinds", List.of("page.download")));
            // Playwright's connectOverCDP asks Chromium to send the default context's downloads to its own folder
            Browser browser = playwright.connect(s, "");
            try {
                rpc.call("page.click", Map.of("session", s, "selector", "#download"));
                JsonNode saved = awaitEvent(rpc, "page.download.saved", e -> true);
                Path file = Path.of(saved.at("/data/path").asText());
                assertEquals("downloads", file.getParent().getFileName().toString());
                assertEquals("report body", Files.readString(file));
            } finally {
                browser.close();
            }
        }
    }
}
