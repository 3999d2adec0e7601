package io.browserhub.browser;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ends a process and everything it started, descendants first, through ProcessHandle (no shell, any OS). */
public final class ProcessTrees {

    private ProcessTrees() {
    }

    public static void end(ProcessHandle root, long timeout, TimeUnit unit) {
        List<ProcessHandle> descendants = root.descendants().toList();
        for (int i = descendants.size() - 1; i >= 0; i--) {
            descendants.get(i).destroy();
        }
        root.destroy();
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (ProcessHandle p : concat(descendants, root)) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0) {
                    p.destroyForcibly();
                } else {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    private static List<ProcessHandle> concat(List<ProcessHandle> list, ProcessHandle last) {
        var all = new java.util.ArrayList<>(list);
        all.add(last);
        return all;
    }
}
