package io.browserhub.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Ending process trees. The children of a killed browser are zombies until the machine's init process collects them,
 * which took over a second here (and never happens in a container whose first process does not reap): the JDK counts a
 * zombie as alive, so waiting for one with onExit() waited out the timeout. Deleting a running session took 1.5-2 s.
 */
@EnabledOnOs(OS.LINUX)
class ProcessTreesTest {

    /** A shell whose child exits at once and is never collected: the shell has become `sleep`, which does not reap. */
    private Process parent;

    @AfterEach
    void stop() {
        if (parent != null) {
            parent.destroyForcibly();
        }
    }

    private ProcessHandle zombie() throws Exception {
        parent = new ProcessBuilder("sh", "-c", "sh -c 'exit 0' & exec sleep 60").start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (ProcessHandle child : parent.toHandle().children().toList()) {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + child.pid() + "/stat"));
                if (stat.charAt(stat.lastIndexOf(')') + 2) == 'Z') {
                    return child;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no zombie child of " + parent.pid() + " within 10 s");
    }

    @Test
    void aZombieHasEndedThoughTheJdkCountsItAlive() throws Exception {
        ProcessHandle zombie = zombie();
        assertTrue(zombie.isAlive(), "the JDK's view of a zombie (what made the wait long)");
        assertTrue(ProcessTrees.ended(zombie));
        assertFalse(ProcessTrees.ended(parent.toHandle()), "a sleeping process has not ended");
    }

    @Test
    void endingATreeDoesNotWaitOutItsTimeoutForAProcessThatIsAlreadyDead() throws Exception {
        ProcessHandle zombie = zombie();
        // before: onExit() of the zombie never completed while its parent lived, so this waited all 30 s
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ProcessTrees.end(zombie, 30, TimeUnit.SECONDS));
    }

    @Test
    void aLiveTreeIsEndedChildrenAndAll() throws Exception {
        parent = new ProcessBuilder("sh", "-c", "sleep 60 & sleep 60 & wait").start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (parent.toHandle().children().count() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        var children = parent.toHandle().children().toList();
        assertTrue(children.size() == 2, "two sleeps: " + children);
        ProcessTrees.end(parent.toHandle(), 5, TimeUnit.SECONDS);
        assertTrue(parent.waitFor(5, TimeUnit.SECONDS), "the shell ended");
        for (ProcessHandle child : children) {
            assertTrue(ProcessTrees.ended(child), "its child " + child.pid() + " ended");
        }
    }
}
