package io.browserhub.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.browserhub.support.DashboardBrowser.Person;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 20 in the dashboard: a person sees which agent works in which tab, and can take one tab from it. */
@QuarkusTest
class DashboardTabLeaseTest extends DashboardScenario {

    @Test
    void thePersonSeesWhoHoldsWhichTabAndTakesOneFromAnAgent() {
        String id = session("tl-dash", "dashboard-blue.html");
        agent.call("client.hello", Map.of("name", "form-filler", "kind", "agent"));
        String leased = agent.call("tab.new", Map.of("session", id, "url", TestPages.url("form.html"), "lease", true)).get("id").asText();
        try (Person person = browser.signIn(1280, 800)) {
            Page page = person.page;
            open(page, id);
            Locator tab = page.locator(".tab[data-tab=\"" + leased + "\"]");
            assertThat(tab.locator(".tab-holder")).hasText("form-filler");

            tab.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Take")).click();
            assertThat(tab.locator(".tab-holder")).hasText("you");
            JsonNode status = agent.call("control.status", Map.of("session", id));
            assertEquals(leased, status.at("/tabs/0/tab").asText());
            assertEquals("human", status.at("/tabs/0/holder/kind").asText());

            RpcError refused = assertThrows(RpcError.class,
                    () -> agent.call("page.click", Map.of("session", id, "tab", leased, "selector", "#counter")));
            assertEquals("CONTROL_HELD", refused.kind());
            assertEquals(leased, refused.data().get("tab").asText());
            assertEquals(List.of(), person.problems());
        }
    }
}
