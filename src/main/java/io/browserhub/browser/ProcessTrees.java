package io.browserhub.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Ends a process and everything it started, descendants first, through ProcessHandle (no shell, any OS). */
public final class ProcessTrees {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private ProcessTrees() {
    }

    /** Asks the tree to end (SIGTERM), waits up to {@code timeout} for every process of it, then kills what is left. */
    public static void end(ProcessHandle root, long timeout, TimeUnit unit) {
        List<ProcessHandle> descendants = root.descendants().toList();
        for (int i = descendants.size() - 1; i >= 0; i--) {
            descendants.get(i).destroy();
        }
        root.destroy();
        List<ProcessHandle> left = new ArrayList<>(descendants);
        left.add(root);
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        // polled, not onExit(): for a process that is not the hub's child the JDK polls from 300 ms on, in growing steps
        while (true) {
            left.removeIf(ProcessTrees::ended);
            if (left.isEmpty() || System.nanoTime() - deadline >= 0) {
                break;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        left.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Whether the process has ended: also when it is a zombie, dead and waiting for its parent to collect it, which the
     * JDK counts as alive. The children of a browser killed with them become zombies of the machine's init process,
     * which may take its time (over a second here, never in a container whose first process does not reap).
     */
    public static boolean ended(ProcessHandle p) {
        if (!p.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            char state = afterName > 0 && afterName + 2 < stat.length() ? stat.charAt(afterName + 2) : '?';
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            // no /proc (macOS, Windows), or the process is gone since: what isAlive said, unless it went meanwhile
            return !p.isAlive();
        }
    }
}
