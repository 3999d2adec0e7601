package io.browserhub.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.support.Hub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard is the webui/ build served at / by the hub, behind the same token check as the API. */
@QuarkusTest
class DashboardAssetsTest {

    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

    @Test
    void theDashboardIsServedAtTheRootAndLoadsOnlyItsOwnFiles() {
        Response page = signedIn().accept("text/html").get("/");
        assertEquals(200, page.statusCode());
        String html = page.asString();
        assertTrue(html.contains("<title>browserhub</title>"), html);
        assertTrue(html.contains("id=\"view\""), "the dashboard's shell, not the old placeholder: " + html);
        List<String> references = references(html);
        assertTrue(references.stream().anyMatch(r -> r.matches("/assets/index-[^/]+\\.js")), "the built script: " + references);
        assertTrue(references.stream().anyMatch(r -> r.matches("/assets/index-[^/]+\\.css")), "the built styles: " + references);
        for (String r : references) {
            assertTrue(r.startsWith("/") && !r.startsWith("//") || r.startsWith("#"), "only the hub's own files: " + r);
        }
        assertTrue(html.contains("Content-Security-Policy") && html.contains("connect-src 'self'"),
                "the page itself limits where it may connect: " + html);

        for (String r : references) {
            if (r.startsWith("/assets/")) {
                String body = signedIn().get(r).then().statusCode(200).extract().asString();
                assertFalse(body.contains("@import"), r + " imports nothing");
                assertFalse(Pattern.compile("url\\(\\s*['\"]?(https?:)?//").matcher(body).find(), r + " loads nothing from elsewhere");
            }
        }
    }

    @Test
    void theGuardProtectsEveryDashboardFile() {
        String html = signedIn().accept("text/html").get("/").asString();
        List<String> files = new ArrayList<>(references(html).stream().filter(r -> r.startsWith("/")).toList());
        files.add("/");
        files.add("/index.html");
        for (String file : files) {
            given().get(file).then().statusCode(401);
            given().header("Authorization", "Bearer not-" + Hub.TOKEN).get(file).then().statusCode(401);
            given().cookie(cookieName(), "not-" + Hub.TOKEN).get(file).then().statusCode(401);
            given().header("Authorization", "Bearer " + Hub.TOKEN).get(file).then().statusCode(200);
        }
        // a person without the cookie gets the sign-in page, not the dashboard
        Response refused = given().accept("text/html").get("/");
        assertEquals(401, refused.statusCode());
        assertTrue(refused.asString().contains("Sign in to browserhub"));
        assertFalse(refused.asString().contains("/assets/"));
    }

    private static List<String> references(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = REFERENCE.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** As the dashboard's own page loads its files: with the cookie, from the same origin (docs/security.md). */
    private static io.restassured.specification.RequestSpecification signedIn() {
        return given().cookie(cookieName(), Hub.TOKEN).header("Sec-Fetch-Site", "same-origin");
    }

    private static String cookieName() {
        return "browserhub-" + Hub.base().getPort();
    }
}
