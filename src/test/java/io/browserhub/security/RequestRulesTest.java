package io.browserhub.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure rules behind the request guard: which hosts and origins, what the sign-in redirect keeps. */
class RequestRulesTest {

    @Test
    void hostNamesAreComparedWithoutPortAndCase() {
        HostCheck hosts = new HostCheck(List.of("MyBox.lan", "fd00::5"), "127.0.0.1");
        for (String ok : List.of("localhost", "localhost:9333", "127.0.0.1:1", "[::1]:9333", "[::1]", "mybox.lan:9333", "[fd00::5]:80")) {
            assertTrue(hosts.allows(ok), ok);
        }
        for (String no : List.of("attacker.example", "attacker.example:9333", "127.0.0.1.nip.io", "localhost.", "127.0.0.1:x",
                "127.0.0.1:9333:1", "[::1", "", "mybox.lan.attacker.example")) {
            assertFalse(hosts.allows(no), no);
        }
        assertFalse(hosts.allows(null));
    }

    @Test
    void aSpecificBindAddressIsOneOfTheHubsNamesButTheWildcardIsNot() {
        assertTrue(new HostCheck(List.of(), "192.0.2.10").allows("192.0.2.10:9333"));
        assertFalse(new HostCheck(List.of(), "0.0.0.0").allows("0.0.0.0:9333"));
    }

    @Test
    void hostNameParsing() {
        assertEquals("[::1]", HostCheck.nameOf("[::1]:9333"));
        assertEquals("localhost", HostCheck.nameOf("LocalHost:9333"));
        assertNull(HostCheck.nameOf("a:b:c"));
        assertNull(HostCheck.nameOf(null));
    }

    @Test
    void originsAreTheHubsOwnOrConfigured() {
        OriginCheck origins = new OriginCheck(List.of("https://My-Tool.example/"));
        assertTrue(origins.allows("http://127.0.0.1:9333", "http", "127.0.0.1:9333", 9333));
        assertTrue(origins.allows("http://localhost:9333", "http", "127.0.0.1:9333", 9333));
        assertTrue(origins.allows("http://[::1]:9333", "http", "127.0.0.1:9333", 9333));
        assertTrue(origins.allows("https://my-tool.example", "http", "127.0.0.1:9333", 9333));
        // published on another port (a container's port mapping): same origin as the Host the browser used
        assertTrue(origins.allows("http://localhost:19333", "http", "localhost:19333", 9333));
        for (String no : List.of("https://evil.example", "null", "http://127.0.0.1:9334", "https://127.0.0.1:9333",
                "http://127.0.0.1", "http://127.0.0.1:9333.evil.example", "https://my-tool.example:444")) {
            assertFalse(origins.allows(no, "http", "127.0.0.1:9333", 9333), no);
        }
    }

    @Test
    void theSignInRedirectDropsTokensAndStaysOnThisHost() {
        assertEquals("/", DashboardSignIn.cleanLocation("/", "token=abc"));
        assertEquals("/?a=1&b=2", DashboardSignIn.cleanLocation("/", "a=1&token=abc&b=2"));
        assertEquals("/", DashboardSignIn.cleanLocation("/", "%74oken=abc&token"));
        assertEquals("/sessions/work", DashboardSignIn.cleanLocation("/sessions/work", "token=abc"));
        assertEquals("/evil.example/", DashboardSignIn.cleanLocation("//evil.example/", "token=abc"));
        assertEquals("/?tokens=1", DashboardSignIn.cleanLocation("/", "tokens=1&token=x"));
    }

    @Test
    void theStartLinkNamesAReachableAddress() {
        assertEquals("http://127.0.0.1:9333/?token=abc", StartBanner.dashboardUrl("127.0.0.1", 9333, "abc"));
        assertEquals("http://127.0.0.1:9333/?token=abc", StartBanner.dashboardUrl("0.0.0.0", 9333, "abc"));
        assertEquals("http://[::1]:9333/", StartBanner.dashboardUrl("::1", 9333, null));
    }
}
