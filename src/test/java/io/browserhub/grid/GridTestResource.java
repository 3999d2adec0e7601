package io.browserhub.grid;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Points the hub under test at a Selenium Grid on a random loopback port, with profiles in a folder of this run. The
 * Grid itself starts only when a grid test needs it ({@link TestGrid#shared()}): other tests pay nothing, and the hub
 * meanwhile sees a Grid that is away, which local sessions must not notice. Global, so every test class shares one
 * Quarkus start.
 */
@WithTestResource(value = GridTestResource.class, scope = TestResourceScope.GLOBAL)
public class GridTestResource implements QuarkusTestResourceLifecycleManager {

    /**
     * One port and one profile folder per test JVM, kept in system properties: every Quarkus start (a test profile
     * restarts it, and loads this class again) must point at the same Grid.
     */
    private static final String PORT = "grid-tests.port";
    private static final String PROFILES = "grid-tests.profiles";

    @Override
    public Map<String, String> start() {
        synchronized (System.class) {
            if (System.getProperty(PORT) == null) {
                try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                    System.setProperty(PORT, String.valueOf(socket.getLocalPort()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                System.setProperty(PROFILES, Path.of("target", "grid-profiles", UUID.randomUUID().toString()).toAbsolutePath().toString());
            }
        }
        return Map.of(
                "browserhub.grid.url", "http://127.0.0.1:" + System.getProperty(PORT),
                "browserhub.grid.profile-dir", System.getProperty(PROFILES),
                // what nodes running as root need, through the hub's own setting (the merge is part of what is tested)
                "browserhub.grid.capabilities", "{\"goog:chromeOptions\": {\"binary\": \"/usr/bin/chromium\", \"args\": [\"--no-sandbox\"]}}");
    }

    @Override
    public void stop() {
        // the Grid, when a test started it, ends with the test JVM (TestGrid's shutdown hook)
    }
}
