package io.browserhub.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.support.DashboardBrowser.Person;
import io.browserhub.support.DashboardBrowser;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.SharedSessions;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A person signed in to the dashboard also visits a local dev server (another port of 127.0.0.1: the same site,
 * so the SameSite=Strict cookie goes along). That page must get nothing from the hub with the cookie, and no GET
 * may start a stopped session.
 */
@QuarkusTest
class SameSiteCookieTest {

    private static DashboardBrowser browser;
    private static RpcClient agent;

    @BeforeAll
    static void start() {
        browser = DashboardBrowser.launch();
        agent = Hub.connect();
    }

    @AfterAll
    static void stop() {
        agent.close();
        browser.close();
    }

    @Test
    void aPageOnAnotherLocalPortCannotLoadAScreenshotWithTheCookieNorStartASession() {
        String id = SharedSessions.fresh(agent, "same-site-stopped", null);
        agent.call("session.stop", Map.of("id", id));
        String running = SharedSessions.fresh(agent, "same-site-running", "static.html");
        try (Person person = browser.signIn(800, 600)) {
            for (String session : new String[] {id, running}) {
                String target = Hub.base() + "api/sessions/" + session + "/screenshot";
                person.page.navigate(TestPages.url("same-site-probe.html") + "#" + URLEncoder.encode(target, StandardCharsets.UTF_8));
                assertEquals("refused", person.page.evaluate("() => window.probe"), "the image from " + target);
            }
        }
        assertEquals("stopped", agent.call("session.get", Map.of("id", id)).get("state").asText(), "no GET started the browser");
    }

    @Test
    void theCookieCountsOnlyOnRequestsFromTheHubsOwnPages() {
        String cookie = "browserhub-" + Hub.base().getPort();
        // what Chromium sends for the dashboard's own fetch(), and for a person typing the address
        given().cookie(cookie, Hub.TOKEN).header("Sec-Fetch-Site", "same-origin").get("/api/sessions").then().statusCode(200);
        given().cookie(cookie, Hub.TOKEN).header("Sec-Fetch-Site", "none").header("Sec-Fetch-Mode", "navigate")
                .accept("text/html").get("/").then().statusCode(200);
        // an <img>, <script> or link on another port, or a browser that says nothing about where it comes from
        for (String site : new String[] {"same-site", "cross-site", null}) {
            var request = given().cookie(cookie, Hub.TOKEN);
            if (site != null) {
                request.header("Sec-Fetch-Site", site);
            }
            Response refused = request.get("/api/sessions");
            assertEquals(403, refused.statusCode(), "Sec-Fetch-Site " + site);
            assertTrue(refused.asString().contains("hub's own pages"), refused.asString());
        }
        // "none" is for a person's own navigation only, never for a subresource
        given().cookie(cookie, Hub.TOKEN).header("Sec-Fetch-Site", "none").header("Sec-Fetch-Mode", "no-cors")
                .get("/api/sessions").then().statusCode(403);
        // the token itself still works from anywhere: programs send no cookie
        Hub.http().get("/api/sessions").then().statusCode(200);
    }

    @Test
    void aGetNeverStartsAStoppedSessionAndAPostDoes() {
        String id = SharedSessions.fresh(agent, "same-site-post", "static.html");
        agent.call("session.stop", Map.of("id", id));
        Response conflict = Hub.http().get("/api/sessions/" + id + "/screenshot");
        assertEquals(409, conflict.statusCode(), conflict.asString());
        assertEquals("SESSION_UNAVAILABLE", conflict.jsonPath().getString("error.data.kind"));
        assertEquals("stopped", conflict.jsonPath().getString("error.data.state"));
        assertTrue(conflict.jsonPath().getString("error.message").contains("POST"), conflict.asString());
        assertEquals("stopped", agent.call("session.get", Map.of("id", id)).get("state").asText());

        byte[] png = Hub.http().post("/api/sessions/" + id + "/screenshot").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertEquals((byte) 0x89, png[0]);
        assertEquals("running", agent.call("session.get", Map.of("id", id)).get("state").asText());
        // running now, so a GET answers with the picture
        Hub.http().get("/api/sessions/" + id + "/screenshot").then().statusCode(200).contentType("image/png");
    }
}
