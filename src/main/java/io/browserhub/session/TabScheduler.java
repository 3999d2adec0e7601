package io.browserhub.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * The order in which an actor runs its work: first come, first served, except that while a command waits for
 * something in its tab (a {@link Later}), later commands of that tab wait behind it and commands of other tabs go
 * ahead. So one agent's 30 s wait in its tab never stalls another agent working in another tab, and each tab sees its
 * commands in the order they were sent. Used by the actor thread; synchronized only so that a stop that gives up on a
 * wedged actor can still fail what it holds.
 */
final class TabScheduler {

    private final BlockingQueue<Task<?>> intake;
    /** Commands waiting for something in their tab, each with the time of its next look. */
    private final List<Task<?>> waiting = new ArrayList<>();
    /** Commands taken in whose tab is busy with a waiting command: they go next, in order, once it is free. */
    private final ArrayDeque<Task<?>> held = new ArrayDeque<>();

    TabScheduler(BlockingQueue<Task<?>> intake) {
        this.intake = intake;
    }

    /**
     * The next task to run now, or null: a waiting command due for a look, else the oldest held command whose tab came
     * free, else the next new command whose tab is free (new commands of a busy tab are held). {@code activeTab} names
     * the tab a command without one addresses.
     */
    synchronized Task<?> next(long now, Supplier<String> activeTab) {
        for (Iterator<Task<?>> it = waiting.iterator(); it.hasNext(); ) {
            Task<?> t = it.next();
            if (t.pollAtNanos <= now) {
                it.remove();
                return t;
            }
        }
        for (Iterator<Task<?>> it = held.iterator(); it.hasNext(); ) {
            Task<?> t = it.next();
            if (!busy(t.tabKey) && !heldBefore(t)) {
                it.remove();
                return t;
            }
        }
        Task<?> t;
        while ((t = intake.poll()) != null) {
            t.tabKey = t.options.anyTab() ? null : t.options.tab() != null ? t.options.tab() : activeTab.get();
            if (t.tabKey != null && (busy(t.tabKey) || heldFor(t.tabKey))) {
                held.addLast(t);
                continue;
            }
            return t;
        }
        return null;
    }

    /** The task waits for something: look again at {@code pollAtNanos}; its tab is busy until then. */
    synchronized void park(Task<?> task, long pollAtNanos) {
        task.pollAtNanos = pollAtNanos;
        waiting.add(task);
    }

    /** When the earliest waiting command wants its next look; Long.MAX_VALUE when none waits. */
    synchronized long nextLookNanos() {
        long at = Long.MAX_VALUE;
        for (Task<?> t : waiting) {
            at = Math.min(at, t.pollAtNanos);
        }
        return at;
    }

    /**
     * Takes out the oldest interrupting task (a dialog's answer), wherever it is: new, or held behind its tab's wait. A
     * dialog that opens during that wait is answered by it.
     */
    synchronized Task<?> takeInterrupt() {
        for (Iterator<Task<?>> it = held.iterator(); it.hasNext(); ) {
            Task<?> t = it.next();
            if (t.interrupting()) {
                it.remove();
                return t;
            }
        }
        for (Iterator<Task<?>> it = intake.iterator(); it.hasNext(); ) {
            Task<?> t = it.next();
            if (t.interrupting()) {
                it.remove();
                return t;
            }
        }
        return null;
    }

    /** Whether an interrupting task waits anywhere. */
    synchronized boolean hasInterrupt() {
        for (Task<?> t : held) {
            if (t.interrupting()) {
                return true;
            }
        }
        for (Task<?> t : intake) {
            if (t.interrupting()) {
                return true;
            }
        }
        return false;
    }

    /** True while commands wait or are held: work is in progress. */
    synchronized boolean pending() {
        return !waiting.isEmpty() || !held.isEmpty();
    }

    /** Every waiting and held task, taken out: for a browser that stops or is lost. */
    synchronized List<Task<?>> drain() {
        List<Task<?>> all = new ArrayList<>(waiting);
        all.addAll(held);
        waiting.clear();
        held.clear();
        return all;
    }

    private boolean busy(String tab) {
        if (tab == null) {
            return false;
        }
        for (Task<?> t : waiting) {
            if (tab.equals(t.tabKey)) {
                return true;
            }
        }
        return false;
    }

    private boolean heldFor(String tab) {
        for (Task<?> t : held) {
            if (tab.equals(t.tabKey)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an older held task has the same tab: it goes first. */
    private boolean heldBefore(Task<?> task) {
        for (Task<?> t : held) {
            if (t == task) {
                return false;
            }
            if (t.tabKey != null && t.tabKey.equals(task.tabKey)) {
                return true;
            }
        }
        return false;
    }
}
