package io.browserhub.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.config.HubConfig;
import io.browserhub.support.Hub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A hub with no configured token generates one into a fresh data directory and accepts only that one. */
@QuarkusTest
@TestProfile(GeneratedTokenTest.NoConfiguredToken.class)
class GeneratedTokenTest {

    public static class NoConfiguredToken implements QuarkusTestProfile {
        // a directory that does not exist yet, so this run really generates (and creates the directory)
        static final String DATA_DIR = "target/test-data-generated-token/" + System.nanoTime();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(Hub.QUINOA, "false", "browserhub.auth.token", "", "browserhub.data-dir", DATA_DIR);
        }
    }

    @Inject
    HubConfig config;

    @Test
    void theTokenFileIsOwnerOnlyAndHoldsThirtyTwoRandomBytes() throws Exception {
        Path file = Path.of(config.dataDir()).resolve("token");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(file));
        String token = Files.readString(file).strip();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "32 bytes in URL-safe base64 without padding: " + token);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE),
                Files.getPosixFilePermissions(Path.of(config.dataDir())), "a new data directory is private");
    }

    @Test
    void theHubAcceptsTheGeneratedTokenAndNoOther() throws Exception {
        String token = Files.readString(Path.of(config.dataDir()).resolve("token")).strip();
        assertNotEquals(Hub.TOKEN, token);
        given().header("Authorization", "Bearer " + token).get("/api/sessions").then().statusCode(200);
        given().header("Authorization", "Bearer " + Hub.TOKEN).get("/api/sessions").then().statusCode(401);
        given().get("/api/sessions").then().statusCode(401);
    }

    @Test
    void theSignInPagePointsAtTheTokenFile() {
        String html = given().accept("text/html").get("/").then().statusCode(401).extract().asString();
        assertTrue(html.contains(Path.of(config.dataDir()).toAbsolutePath().normalize().resolve("token").toString()), html);
    }
}
