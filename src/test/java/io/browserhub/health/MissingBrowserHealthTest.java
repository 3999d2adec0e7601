package io.browserhub.health;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.browserhub.support.Hub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no usable browser the hub still answers, and readiness says why it is not ready. */
@QuarkusTest
@TestProfile(MissingBrowserHealthTest.NoBrowser.class)
class MissingBrowserHealthTest {

    public static class NoBrowser implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(Hub.QUINOA, "false", "browserhub.browser.executable", "/nonexistent/chromium");
        }
    }

    @Test
    void readinessIsDownWithTheReason() {
        Hub.http().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'browser' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'browser' }.data.reason", containsString("/nonexistent/chromium"));
    }

    @Test
    void startingASessionAnswersSessionUnavailableNamingTheExecutable() {
        Hub.http().contentType("application/json").body("{\"id\":\"no-browser\"}").post("/api/sessions")
                .then().statusCode(503).body("error.data.kind", equalTo("SESSION_UNAVAILABLE"))
                .body("error.message", containsString("/nonexistent/chromium"));
        Hub.http().delete("/api/sessions/no-browser").then().statusCode(200);
    }
}
