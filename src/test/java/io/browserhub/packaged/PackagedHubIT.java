package io.browserhub.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.browserhub.support.Hub;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (the JVM jar here, the native executable where it can be built) as a user starts
 * it: it comes up, says it is ready, runs a session, and serves the dashboard.
 */
@QuarkusIntegrationTest
class PackagedHubIT {

    @Test
    void startsIsReadyRunsASessionAndServesTheDashboard() {
        Hub.http().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Hub.http().get("/q/health/live").then().statusCode(200);

        try (var agent = Hub.connect()) {
            agent.call("session.create", Map.of("id", "packaged"));
            agent.call("page.goto", Map.of("session", "packaged", "url", TestPages.url("login?user=packaged")));
            assertEquals("logged in", agent.call("page.title", Map.of("session", "packaged")).get("title").asText());
            agent.call("session.delete", Map.of("id", "packaged"));
        }

        // a person opens the printed link: the token becomes a cookie, and the dashboard loads with it
        var signIn = given().redirects().follow(false).get("/?token=" + Hub.TOKEN);
        signIn.then().statusCode(303).header("Location", "/");
        // with the headers a browser sends on that navigation (a cookie without them is refused: security/CookieUse)
        given().cookies(signIn.getDetailedCookies()).header("Sec-Fetch-Site", "none").header("Sec-Fetch-Mode", "navigate")
                .get("/").then().statusCode(200).contentType(containsString("text/html"));
    }
}
