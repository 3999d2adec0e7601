package io.browserhub.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.browserhub.support.DashboardBrowser.Person;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A person at the dashboard with a session's data: the agent's download in the files list, a recording started from
 * the timeline strip and scrubbed through, and a session created with launch options from the form.
 */
@QuarkusTest
class DashboardDataTest extends DashboardScenario {

    @Test
    void thePersonDownloadsTheAgentsFileAndScrubsThroughARecording() throws Exception {
        try (Person person = browser.signIn(1400, 900)) {
            String id = session("dash-data", "data-download.html");
            agent.call("page.click", Map.of("session", id, "selector", "#report"));
            Page page = person.page;
            open(page, id);

            Locator file = page.locator(".file-list a", new Page.LocatorOptions().setHasText("report.txt"));
            assertThat(file).isVisible();
            Download download = page.waitForDownload(file::click);
            assertEquals("report body", Files.readString(download.path()));

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record")).click();
            assertThat(page.locator("#recording-button")).hasText("Stop recording");
            agent.call("page.click", Map.of("session", id, "selector", "#paint"));
            Locator afterClick = page.locator(".timeline-strip li", new Page.LocatorOptions().setHasText("after page.click"));
            assertThat(afterClick.first()).isVisible();
            afterClick.first().locator("button").click();
            Locator preview = page.locator(".timeline-preview");
            assertThat(preview).isVisible();
            assertThat(preview.locator("img")).hasAttribute("src", Pattern.compile("/api/sessions/" + id + "/files/recording/.+\\.jpg$"));
            assertTrue((Boolean) page.evaluate("() => document.querySelector('.timeline-preview img').complete"
                    + " && document.querySelector('.timeline-preview img').naturalWidth > 0") || waitForImage(page));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Back to live")).click();
            assertThat(preview).isHidden();
            page.locator("#recording-button").click();
            assertThat(page.locator("#recording-button")).hasText("Record");
            assertEquals(List.of(), person.problems());
        }
    }

    @Test
    void aSessionCreatedFromTheFormGetsItsLaunchOptions() {
        String made = "dash-dark";
        try (Person person = browser.signIn(1280, 800)) {
            try {
                agent.call("session.delete", Map.of("id", made));
            } catch (RpcError gone) {
                // not there
            }
            sessions.add(made); // deleted after the test
            Page page = person.page;
            page.getByLabel("Id", new Page.GetByLabelOptions().setExact(true)).fill(made);
            page.getByText("More options").click();
            page.getByLabel("Color scheme").selectOption("dark");
            page.getByLabel("Device scale factor").fill("2");
            page.getByLabel("Extra HTTP headers").fill("X-From-Form: yes");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create session")).click();
            assertThat(page.locator("tr[data-session='" + made + "'] .state")).hasText("running");
            agent.call("page.goto", Map.of("session", made, "url", TestPages.url("headers")));
            assertEquals(true, agent.call("page.evaluate", Map.of("session", made,
                    "function", "() => matchMedia('(prefers-color-scheme: dark)').matches && devicePixelRatio === 2")).get("value").asBoolean());
            assertTrue(agent.call("page.text", Map.of("session", made, "selector", "#headers")).get("text").asText().contains("x-from-form: yes"));
            assertEquals(List.of(), person.problems());
        }
    }

    private static boolean waitForImage(Page page) {
        page.waitForFunction("() => document.querySelector('.timeline-preview img').naturalWidth > 0");
        return true;
    }
}
