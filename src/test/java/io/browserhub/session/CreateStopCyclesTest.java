package io.browserhub.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Starting and stopping browsers over and over leaves nothing behind: no process, temp folder or open file. */
@QuarkusTest
class CreateStopCyclesTest {

    /** Enough to show a leak of one file or process per cycle; -Dcycles=100 for a longer soak. */
    private static final int CYCLES = Integer.getInteger("cycles", 25);

    @Inject
    SessionStore store;

    @Test
    void createStopCyclesLeaveNoProcessesTempFoldersOrFiles() throws Exception {
        try (RpcClient agent = Hub.connect()) {
            // browsers other tests left running would come and go (renderers, helpers) and blur the count
            for (var session : agent.call("session.list").get("sessions")) {
                agent.call("session.stop", Map.of("id", session.get("id").asText()));
            }
            // one warm-up cycle so lazily created, long-lived resources (thread pools, the driver) exist before counting
            agent.call("session.create", Map.of("id", "cycle-warm"));
            agent.call("session.delete", Map.of("id", "cycle-warm"));
            long fdsBefore = openFiles();
            List<String> tempBefore = tempEntries();
            long processesBefore = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();

            long startedAt = System.currentTimeMillis();
            long t0 = System.nanoTime();
            for (int i = 0; i < CYCLES; i++) {
                String id = "cycle-" + i;
                agent.call("session.create", Map.of("id", id));
                assertEquals("stopped", agent.call("session.stop", Map.of("id", id)).get("state").asText());
                agent.call("session.delete", Map.of("id", id));
            }
            System.out.printf("%d create/stop/delete cycles: %.0f ms each%n", CYCLES, (System.nanoTime() - t0) / 1e6 / CYCLES);

            long processesAfter = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
            assertEquals(processesBefore, processesAfter, "no browser or driver process left running");
            assertEquals(tempBefore, tempEntries(), "no temp folder left behind (the driver is not unpacked per session)");
            try (Stream<Path> driverCopies = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                assertTrue(driverCopies.noneMatch(p -> p.getFileName().toString().startsWith("playwright-java-")
                        && p.toFile().lastModified() > startedAt), "the driver was never unpacked into a temp folder");
            }
            long fdsAfter = openFiles();
            // a few descriptors come and go with the JVM's own work; a leak of one per cycle would show as CYCLES or more
            assertTrue(fdsAfter - fdsBefore < Math.min(20, CYCLES), "open files grew from " + fdsBefore + " to " + fdsAfter);
        }
    }

    private static long openFiles() throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Drivers and browsers keep their temp files under the data directory's tmp/ (TMPDIR), nowhere else. */
    private List<String> tempEntries() throws Exception {
        Files.createDirectories(store.tempDir());
        try (Stream<Path> entries = Files.list(store.tempDir())) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
