package io.browserhub.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.support.Hub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.HttpCookie;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A person clicks the printed link once; from then on the browser holds a cookie and the URL holds no token. */
@QuarkusTest
class DashboardSignInTest {

    @Test
    void thePrintedLinkSetsAStrictHttpOnlyCookieAndRedirectsToTheCleanUrl() {
        Response r = given().redirects().follow(false).get("/?token=" + Hub.TOKEN);
        assertEquals(303, r.statusCode());
        assertEquals("/", r.header("Location"));
        String setCookie = r.header("Set-Cookie");
        List<HttpCookie> cookies = HttpCookie.parse(setCookie);
        assertEquals(1, cookies.size(), setCookie);
        HttpCookie cookie = cookies.get(0);
        assertEquals(cookieName(), cookie.getName());
        assertEquals(Hub.TOKEN, cookie.getValue());
        assertTrue(cookie.isHttpOnly(), setCookie);
        assertEquals("/", cookie.getPath());
        assertTrue(setCookie.toLowerCase(Locale.ROOT).contains("samesite=strict"), setCookie);
        assertEquals("no-store", r.header("Cache-Control"));
    }

    @Test
    void theRedirectKeepsOtherParametersAndDropsEveryTokenParameter() {
        Response r = given().redirects().follow(false).urlEncodingEnabled(false)
                .get("/?view=grid&token=" + Hub.TOKEN + "&%74oken=" + Hub.TOKEN + "&tab=2");
        assertEquals(303, r.statusCode());
        assertEquals("/?view=grid&tab=2", r.header("Location"));
    }

    @Test
    void theCookieOpensTheDashboard() {
        // as a browser sends it when the person opens the address (the 303 after the printed link, or a bookmark)
        Response page = given().cookie(cookieName(), Hub.TOKEN).header("Sec-Fetch-Site", "none").header("Sec-Fetch-Mode", "navigate")
                .accept("text/html").get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.asString().contains("<title>browserhub</title>"), page.asString());
        // what the dashboard loads, and that it loads nothing from elsewhere: dashboard/DashboardAssetsTest
    }

    @Test
    void theCookieWorksForTheApiToo() {
        given().cookie(cookieName(), Hub.TOKEN).header("Sec-Fetch-Site", "same-origin").get("/api/sessions").then().statusCode(200);
        // from another page (another port of 127.0.0.1 is the same site): security/SameSiteCookieTest
    }

    @Test
    void withoutAValidTokenABrowserGetsASignInPage() {
        for (Response r : List.of(
                given().accept("text/html").get("/"),
                given().accept("text/html").cookie(cookieName(), TokenRequiredTest.NEARLY).get("/"),
                given().accept("text/html").redirects().follow(false).get("/?token=" + TokenRequiredTest.NEARLY))) {
            assertEquals(401, r.statusCode());
            assertTrue(r.contentType().startsWith("text/html"), r.contentType());
            assertNull(r.header("Set-Cookie"), "a wrong token must not sign anyone in");
            String html = r.asString();
            assertTrue(html.contains("Sign in to browserhub"), html);
            assertTrue(html.contains("?token="), "the page says how to sign in: " + html);
            // the test profile sets the token in configuration; the page says where it comes from
            assertTrue(html.contains("browserhub.auth.token"), html);
            assertTrue(r.header("Content-Security-Policy").contains("default-src 'none'"));
        }
    }

    private static String cookieName() {
        return "browserhub-" + Hub.base().getPort();
    }
}
