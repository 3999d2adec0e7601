package io.browserhub.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import io.browserhub.support.DashboardBrowser.Person;
import io.browserhub.support.Hub;
import io.browserhub.support.SharedSessions;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a person trips over in the first hour at the dashboard, each in a real Chromium next to an agent on /rpc:
 * errors that say what to click, a link to a session that does not exist, the trace buttons, typing in the event
 * panel, who a screenshot is credited to, pictures of every session, a phone-sized window, and the form's defaults.
 */
@QuarkusTest
class DashboardFirstHourTest extends DashboardScenario {

    /** Where dashboard-blue.html has its button, and first-hour.html its fields, in CSS px of the page. */
    private static final int[] PRESS = {220, 150};
    private static final int[] NOTE = {300, 125};
    private static final int[] SECRET = {300, 225};

    @Test
    void aLinkToAnUnknownSessionSaysNoSuchSessionWithEverythingDisabled() {
        try (Person person = browser.signIn(1280, 800)) {
            Page page = person.page;
            page.navigate(Hub.base() + "#/s/doesnotexist");
            assertThat(page.locator(".session-head .state")).hasText("No such session");
            assertThat(page.locator(".overlay")).containsText("There is no session “doesnotexist” on this hub.");
            assertNothingUsable(page);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the sessions")).click();
            assertThat(page.locator("h1")).hasText("Sessions");
            assertEquals(List.of(), person.problems(), "an unknown session is not an error to toast about");

            // one that existed and is deleted while watched says so, and is just as dead
            String id = session("fh-deleted", "dashboard-blue.html");
            open(page, id);
            LiveCanvas.waitForColor(page, BLUE);
            agent.call("session.delete", Map.of("id", id));
            assertThat(page.locator(".session-head .state")).hasText("deleted");
            assertNothingUsable(page);
            assertEquals(List.of(), person.problems());
        }
    }

    private static void assertNothingUsable(Page page) {
        for (String name : List.of("Take control", "Back", "Forward", "Reload", "Go", "Save screenshot", "Start trace", "Stop trace")) {
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true))).isDisabled();
        }
        assertThat(page.getByLabel("Address")).isDisabled();
        assertThat(page.locator(".tab")).hasCount(0);
        assertThat(page.locator(".overlay")).isVisible();
    }

    @Test
    void stopTraceCanBeClickedOnlyWhileATraceRecordsWhoeverStartedIt() throws Exception {
        String id = session("fh-trace", "dashboard-blue.html");
        try (Person person = browser.signIn(1280, 800)) {
            Page page = person.page;
            open(page, id);
            Locator start = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start trace"));
            Locator stop = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop trace"));
            assertThat(stop).isDisabled();
            assertThat(start).isEnabled();

            start.click();
            assertThat(stop).isEnabled();
            assertThat(start).isDisabled();
            agent.call("client.hello", Map.of("name", "tracer", "kind", "agent"));
            agent.call("trace.stop", Map.of("session", id));
            assertThat(stop).isDisabled();
            assertThat(page.locator(".trace-status")).containsText("agent tracer stopped the trace");

            agent.call("trace.start", Map.of("session", id));
            assertThat(stop).isEnabled();
            page.reload(); // a new view learns it from the hub, not from having seen it start
            assertThat(stop).isEnabled();
            assertThat(start).isDisabled();
            stop.click();
            Download trace = page.waitForDownload(() -> page.locator("a.trace-link").click());
            assertArrayEquals(new byte[] {'P', 'K'}, Arrays.copyOf(Files.readAllBytes(trace.path()), 2));
            assertThat(stop).isDisabled();
            assertThat(start).isEnabled();
            assertEquals(List.of(), person.problems());
        }
    }

    @Test
    void aPersonsTypingIsOneEntryPerBurstAndPasswordsStayHidden() {
        String id = session("fh-typing", "first-hour.html");
        try (Person person = browser.signIn(1280, 800)) {
            Page page = person.page;
            open(page, id);
            Locator canvas = page.locator("canvas.screen");
            LiveCanvas.waitForColor(page, List.of(250, 240, 200));
            takeControl(page);

            LiveCanvas.clickOnPage(agent, id, page, canvas, NOTE);
            page.keyboard().type("Hello hubx");
            page.keyboard().press("Backspace");
            LiveCanvas.clickOnPage(agent, id, page, canvas, SECRET);
            page.keyboard().type("hunter2");
            LiveCanvas.awaitLog(agent, person, id, "note=[Hello hub] secret=7");

            Locator events = page.locator("#panel-events .event-list");
            List<String> expected = List.of("human dashboard typed 7 keys into a password field", "human dashboard typed “Hello hubx⌫”");
            assertThat(events.locator("li.typing .summary")).hasText(expected.toArray(String[]::new));
            assertThat(events.locator("li", new Locator.LocatorOptions().setHasText("hunter"))).hasCount(0);

            page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Activity log")).click();
            Locator activity = page.locator("#panel-activity .event-list");
            assertThat(activity.locator("li.typing .summary")).hasText(expected.toArray(String[]::new));
            assertThat(activity.locator("li", new Locator.LocatorOptions().setHasText("hunter"))).hasCount(0);
            assertEquals(List.of(), person.problems());
        }
    }

    @Test
    void aScreenshotSavedFromTheDashboardIsCreditedToThePerson() throws Exception {
        String id = session("fh-shot", "dashboard-green.html");
        try (Person person = browser.signIn(1280, 800)) {
            Page page = person.page;
            open(page, id);
            LiveCanvas.waitForColor(page, GREEN);
            Download shot = page.waitForDownload(() ->
                    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save screenshot")).click());
            assertTrue(shot.suggestedFilename().matches(id + "-.*\\.png"), shot.suggestedFilename());
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(shot.path()), 4));

            List<String> takers = new ArrayList<>();
            for (JsonNode e : SharedSessions.activity(agent, id)) {
                if ("page.screenshot".equals(e.path("data").path("method").asText())) {
                    takers.add(e.at("/data/client/kind").asText() + " " + e.at("/data/client/name").asText());
                }
            }
            assertEquals(List.of("human dashboard"), takers);
            assertEquals(List.of(), person.problems());
        }
    }

    @Test
    void theSessionsViewShowsALivePictureOfEveryRunningSession() {
        String blue = session("fh-thumb-blue", "dashboard-blue.html");
        String green = session("fh-thumb-green", "dashboard-green.html");
        String stopped = session("fh-thumb-stopped", null);
        agent.call("session.stop", Map.of("id", stopped));
        try (Person person = browser.signIn(1280, 800)) {
            Page page = person.page;
            LiveCanvas.waitForColor(page, "tr[data-session='" + blue + "'] canvas.thumb", BLUE);
            LiveCanvas.waitForColor(page, "tr[data-session='" + green + "'] canvas.thumb", GREEN);
            assertThat(page.locator("tr[data-session='" + stopped + "'] canvas.thumb")).hasAttribute("data-state", "stopped");

            agent.call("page.goto", Map.of("session", blue, "url", TestPages.url("dashboard-green.html")));
            LiveCanvas.waitForColor(page, "tr[data-session='" + blue + "'] canvas.thumb", GREEN);
            assertEquals("stopped", agent.call("session.get", Map.of("id", stopped)).get("state").asText(),
                    "looking at the list starts no browser");

            page.locator("tr[data-session='" + green + "'] canvas.thumb").click();
            assertThat(page).hasURL(Pattern.compile("#/s/" + green + "$"));
            assertEquals(List.of(), person.problems());
        }
    }

    @Test
    void atPhoneWidthTheLiveViewZoomsToThePagesSizeAndPans() {
        String id = session("fh-phone", "dashboard-blue.html");
        try (Person person = browser.signIn(390, 844)) {
            Page page = person.page;
            open(page, id);
            Locator canvas = page.locator("canvas.screen");
            Locator stage = page.locator(".stage");
            LiveCanvas.waitForColor(page, BLUE);
            assertTrue(canvas.boundingBox().width <= 390, "fits by default");

            page.getByLabel("Zoom").selectOption("1");
            assertThat(stage).hasClass(Pattern.compile("zoomed"));
            BoundingBox box = canvas.boundingBox();
            assertEquals(1280, box.width, 2, "100% is the page's own size");
            assertEquals(720, box.height, 2);
            assertTrue((Boolean) stage.evaluate("s => s.scrollWidth > s.clientWidth"), "the picture pans inside the stage");
            assertFalse((Boolean) page.evaluate("() => [document.documentElement, document.querySelector('main')]"
                    + ".some(e => e.scrollWidth > e.clientWidth)"), "the window itself does not scroll sideways");

            takeControl(page);
            stage.evaluate("s => { s.scrollLeft = 120; }");
            assertEquals(0, ((Number) canvas.evaluate("c => c.offsetLeft")).doubleValue(), 0.5, "the picture starts at the stage's left edge");
            LiveCanvas.clickOnPage(agent, id, page, canvas, PRESS);
            LiveCanvas.awaitLog(agent, person, id, "presses=1 ");

            page.getByLabel("Zoom").selectOption("fit");
            assertThat(stage).not().hasClass(Pattern.compile("zoomed"));
            assertTrue(canvas.boundingBox().width <= 390, "fits again");
            assertEquals(List.of(), person.problems());
        }
    }

    @Test
    void moreOptionsShowTheHubsDefaultsAsHintsAndToastsCloseByThemselves() {
        String made = "fh-defaults";
        sessions.add(made);
        JsonNode defaults = agent.call("hub.info").get("sessionDefaults");
        try (Person person = browser.signIn(1280, 800)) {
            Page page = person.page;
            page.getByText("More options").click();
            Locator width = page.getByLabel("Viewport width (px)");
            assertThat(width).hasValue("");
            assertThat(width).hasAttribute("placeholder", "default " + defaults.at("/viewport/width").asInt());
            assertThat(page.getByLabel("Viewport height (px)")).hasAttribute("placeholder", "default " + defaults.at("/viewport/height").asInt());
            assertThat(page.getByLabel("Idle timeout (s, 0 = never)")).hasAttribute("placeholder",
                    Pattern.compile("^default " + defaults.get("idleTimeoutSec").asInt()));
            for (String label : List.of("Viewport height (px)", "Idle timeout (s, 0 = never)", "Locale", "Time zone", "User agent")) {
                assertThat(page.getByLabel(label)).hasValue("");
            }
            assertEquals("italic", width.evaluate("i => getComputedStyle(i, '::placeholder').fontStyle"), "a hint, not a value");

            page.getByLabel("Id", new Page.GetByLabelOptions().setExact(true)).fill(made);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create session")).click();
            assertThat(page.locator("tr[data-session='" + made + "'] .state")).hasText("running");
            JsonNode viewport = agent.call("session.get", Map.of("id", made)).get("viewport");
            assertEquals(defaults.get("viewport"), viewport, "empty fields leave the hub's defaults");
            assertThat(page.locator(".toast")).containsText("Session " + made + " created.");
            assertThat(page.locator(".toast")).hasCount(0); // nobody closes it
            assertEquals(List.of(), person.problems());
        }
    }

    @Test
    void errorsSayWhatToClickAndGoAwayOnceResolved() {
        String id = session("fh-held", "dashboard-blue.html");
        agent.call("client.hello", Map.of("name", "agent-smith", "kind", "agent"));
        agent.call("control.acquire", Map.of("session", id));
        try (Person person = browser.signIn(1280, 800)) {
            Page page = person.page;
            open(page, id);
            LiveCanvas.waitForColor(page, BLUE);
            Locator address = page.getByLabel("Address");
            address.fill(TestPages.url("dashboard-green.html"));
            address.press("Enter");

            Locator error = page.locator(".toast-error");
            assertThat(error).containsText("the agent “agent-smith” is driving this session. Click “Take control” to take over.");
            String shown = error.textContent();
            for (String api : List.of("control.acquire", "force", "wait:", "CONTROL_HELD", "(")) {
                assertFalse(shown.contains(api), "no API wording for people: " + shown);
            }
            takeControl(page);
            assertThat(error).hasCount(0); // resolved: the person drives now
            assertEquals(1, person.problems().size(), "the one error shown: " + person.problems());
        }
    }
}
