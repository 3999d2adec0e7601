package io.browserhub.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.browserhub.support.HardKill;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the hub, its drivers and its browsers the moment a login's page.goto answers: with
 * browserhub.session.flush-cookies-after-navigation (the default) the cookie the login set is in the profile when the
 * next hub starts. How often it survives without the flush, and what the flush costs per page.goto, are benchmark
 * rows (family 15, `./mvnw -Pbench verify -Dbench.only=flush`).
 */
class HardKillIT {

    @TempDir
    Path tmp;

    private static final int TRIALS = 3;

    @Test
    void aLoginRightBeforeAHardKillOfEverythingSurvivesWithTheFlush() throws Exception {
        for (int i = 0; i < TRIALS; i++) {
            assertEquals(HardKill.KEPT, HardKill.loginThenKill(tmp.resolve("on-" + i), true, Map.of()),
                    "trial " + (i + 1) + ": with the flush, the cookie of a finished page.goto is on disk");
        }
    }
}
