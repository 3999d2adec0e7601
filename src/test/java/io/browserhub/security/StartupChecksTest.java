package io.browserhub.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StartupChecksTest {

    @Test
    void withoutATokenTheHubRefusesToListenBeyondLoopback() {
        for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> StartupChecks.listenWarning(host, false));
            assertTrue(e.getMessage().contains("quarkus.http.host=127.0.0.1"), e.getMessage());
        }
    }

    @Test
    void withoutATokenOnLoopbackTheHubStartsWithAWarning() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1", "[::1]"}) {
            assertTrue(StartupChecks.listenWarning(host, false).orElseThrow().contains("OFF"), host);
        }
    }

    @Test
    void withATokenLoopbackIsQuietAndOtherAddressesWarn() {
        assertTrue(StartupChecks.listenWarning("127.0.0.1", true).isEmpty());
        assertTrue(StartupChecks.listenWarning("0.0.0.0", true).orElseThrow().contains("plain HTTP"));
    }

    @Test
    void loopbackMeansEveryResolvedAddressIsLoopback() {
        assertTrue(StartupChecks.loopback("127.0.0.1"));
        assertTrue(StartupChecks.loopback("127.0.0.2"));
        assertTrue(StartupChecks.loopback("[::1]"));
        assertFalse(StartupChecks.loopback("0.0.0.0"));
        assertFalse(StartupChecks.loopback(""));
        assertFalse(StartupChecks.loopback("no-such-host.invalid"));
    }
}
