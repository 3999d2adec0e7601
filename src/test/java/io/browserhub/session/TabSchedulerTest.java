package io.browserhub.session;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ArrayBlockingQueue;
import org.junit.jupiter.api.Test;

/** The actor's order of work, without a browser: one tab's wait holds that tab only. */
class TabSchedulerTest {

    private final ArrayBlockingQueue<Task<?>> intake = new ArrayBlockingQueue<>(16);
    private final TabScheduler scheduler = new TabScheduler(intake);

    private Task<Object> task(String tab) {
        Task<Object> t = new Task<>(live -> null, new WorkOptions("m", tab, false, false, 0));
        intake.add(t);
        return t;
    }

    @Test
    void aWaitingTabHoldsItsLaterWorkWhileOtherTabsGoAhead() {
        Task<Object> waitInT1 = task("t1");
        assertSame(waitInT1, scheduler.next(0, () -> "t1"));
        scheduler.park(waitInT1, 1_000);

        Task<Object> nextInT1 = task("t1");
        Task<Object> inT2 = task("t2");
        Task<Object> thenT1Again = task(null); // the active tab, t1
        assertSame(inT2, scheduler.next(10, () -> "t1"), "t1 is busy: t2 goes first");
        assertNull(scheduler.next(20, () -> "t1"), "the rest is t1's, behind its wait");
        assertTrue(scheduler.pending());

        assertSame(waitInT1, scheduler.next(1_000, () -> "t1"), "the wait's next look is due");
        // it finished this time (not parked again): t1's held work follows in order
        assertSame(nextInT1, scheduler.next(1_001, () -> "t1"));
        assertSame(thenT1Again, scheduler.next(1_002, () -> "t1"));
        assertNull(scheduler.next(1_003, () -> "t1"));
    }

    @Test
    void workForNoOneTabNeverWaitsBehindATab() {
        Task<Object> wait = task("t1");
        scheduler.next(0, () -> "t1");
        scheduler.park(wait, 1_000);
        Task<Object> list = new Task<>(live -> null, new WorkOptions("tab.list", null, true, false, 0));
        intake.add(list);
        assertSame(list, scheduler.next(1, () -> "t1"));
    }
}
