package io.browserhub.health;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.browserhub.support.Hub;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Readiness says whether sessions can start: a usable browser (its version as it prints it) and a writable data directory. */
@QuarkusTest
class HealthTest {

    @Test
    void readyWithChromiumAndAWritableDataDir() {
        Hub.http().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("browser"))
                .body("checks.find { it.name == 'browser' }.data.version", startsWith("Chromium "))
                .body("checks.find { it.name == 'data-dir' }.status", equalTo("UP"));
        Hub.http().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
