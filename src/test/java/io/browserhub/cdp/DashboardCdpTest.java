package io.browserhub.cdp;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.browserhub.support.SharedSessions.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.browserhub.support.DashboardBrowser;
import io.browserhub.support.DashboardBrowser.Person;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A person finds a session's CDP URL on the dashboard, copies it, and gets a snippet that connects to it. */
@QuarkusTest
class DashboardCdpTest {

    private static DashboardBrowser browser;

    @BeforeAll
    static void launch() {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        browser = DashboardBrowser.launch();
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    @Test
    void theSessionViewShowsTheCdpUrlWithACopyButtonAndASnippet() {
        try (RpcClient agent = Hub.connect(); Person person = browser.signIn(1280, 800)) {
            String s = fresh(agent, "cdp-dashboard", "static.html");
            String url = agent.call("session.get", Map.of("id", s)).get("cdpUrl").asText();
            Page page = person.page;
            page.navigate(Hub.base() + "#/s/" + s);

            assertThat(page.getByLabel("CDP URL")).hasValue(url);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy").setExact(true)).click();
            // the copy is asynchronous: wait for the clipboard to hold the URL
            page.waitForFunction("url => navigator.clipboard.readText().then(text => text === url)", url);

            page.getByText("connectOverCDP snippet").click();
            String snippet = page.locator("#cdp-snippet").textContent();
            assertTrue(snippet.contains("chromium.connectOverCDP('" + url + "'"), snippet);
            assertTrue(snippet.contains("process.env.BROWSERHUB_TOKEN"), snippet);
            assertEquals(List.of(), person.problems());
        }
    }
}
