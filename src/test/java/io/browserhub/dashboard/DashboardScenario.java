package io.browserhub.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.browserhub.support.DashboardBrowser;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.SharedSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Where every dashboard scenario starts: one Chromium for the people of the class, an agent on /rpc for each test,
 * and the sessions a test made, deleted after it.
 */
abstract class DashboardScenario {

    /** The colours of dashboard-blue.html and dashboard-green.html. */
    static final List<Integer> BLUE = List.of(30, 100, 200);
    static final List<Integer> GREEN = List.of(20, 160, 60);

    static DashboardBrowser browser;
    RpcClient agent;
    final List<String> sessions = new ArrayList<>();

    @BeforeAll
    static void launch() {
        // waits, not timed assertions: a loaded machine may take a while to start a browser
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        browser = DashboardBrowser.launch();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void connect() {
        agent = Hub.connect();
    }

    @AfterEach
    void cleanUp() {
        for (String id : sessions) {
            try {
                agent.call("session.delete", Map.of("id", id));
            } catch (RpcError gone) {
                // the test deleted it
            }
        }
        agent.close();
    }

    /** A new running session this test owns, showing one of the test pages (null: none). */
    String session(String id, String page) {
        sessions.add(id);
        return SharedSessions.fresh(agent, id, page);
    }

    /** The person opens the session view. */
    static void open(Page page, String session) {
        page.navigate(Hub.base() + "#/s/" + session);
    }

    /** The person clicks "Take control", and drives. */
    static void takeControl(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Take control")).click();
        assertThat(page.locator("#control-status")).hasText("you are driving");
    }
}
