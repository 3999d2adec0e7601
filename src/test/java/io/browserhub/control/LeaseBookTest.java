package io.browserhub.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.client.Client;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The lease timing rules on a clock the test moves: no waiting, no browser. */
class LeaseBookTest {

    private static final long TTL = TimeUnit.SECONDS.toNanos(60);

    private final AtomicLong now = new AtomicLong(1_000);
    private final LeaseBook book = new LeaseBook(now::get);
    private final Client alice = Client.anonymous();
    private final Client bob = Client.anonymous();

    /** Readings of the tab list taken before tab.new {lease: true} refreshed it must not end the new tab's lease. */
    @Test
    void aTabCountsAsClosedWhenMissingTwiceInARowAfterItWasSeen() {
        for (int i = 1; i < LeaseBook.UNSEEN_READINGS; i++) {
            assertFalse(book.tabMissing(true), "reading " + i + " may predate the tab");
        }
        assertFalse(book.tabMissing(false), "then it shows");
        assertFalse(book.tabMissing(true), "missing once: a reading may drop a tab for a moment");
        assertFalse(book.tabMissing(false));
        assertFalse(book.tabMissing(true));
        assertTrue(book.tabMissing(true), "missing twice in a row: closed");
    }

    @Test
    void aTabNeverSeenCountsAsClosedAfterItMissedEnoughReadings() {
        for (int i = 1; i < LeaseBook.UNSEEN_READINGS; i++) {
            assertFalse(book.tabMissing(true), "reading " + i);
        }
        assertTrue(book.tabMissing(true), "a tab that closed before any reading showed it");
    }

    @Test
    void aLeaseExpiresAfterItsTtlWithoutACommandAndNotBefore() {
        book.grant(alice, TTL);
        advance(TTL);
        assertFalse(book.expired(), "exactly the TTL is not past it");
        advance(1);
        assertTrue(book.expired());
    }

    @Test
    void anyCommandOfTheHolderStartsTheTtlAgainOthersDoNot() {
        book.grant(alice, TTL);
        advance(TTL - 10);
        book.touch(bob);
        advance(20);
        assertTrue(book.expired(), "another client's command does not keep alice's lease");

        book.grant(alice, TTL);
        advance(TTL - 10);
        book.touch(alice);
        advance(TTL - 10);
        assertFalse(book.expired(), "alice's own command renewed it");
    }

    @Test
    void aLeaseNeverExpiresUnderARunningCommandOfItsHolder() {
        LeaseBook.Lease lease = book.grant(alice, TTL);
        book.admit(lease);
        advance(10 * TTL);
        assertFalse(book.expired(), "a 10-minute wait of the holder keeps its lease");
        book.finished(lease);
        assertFalse(book.expired(), "the TTL counts from the end of the command");
        advance(TTL + 1);
        assertTrue(book.expired());
    }

    @Test
    void endingHandsTheLeaseToTheFirstClientStillWaiting() {
        book.grant(alice, TTL);
        LeaseBook.Waiter gaveUp = new LeaseBook.Waiter(Client.anonymous(), TTL, new CompletableFuture<>());
        LeaseBook.Waiter next = new LeaseBook.Waiter(bob, 2 * TTL, new CompletableFuture<>());
        book.enqueue(gaveUp);
        book.enqueue(next);
        gaveUp.granted().cancel(false);
        assertEquals(1, book.waitingCount(), "a cancelled waiter no longer counts");

        LeaseBook.Handover handover = book.end();
        assertSame(alice, handover.ended());
        assertSame(next, handover.next(), "the waiter that gave up is skipped");
        assertTrue(book.heldBy(bob));
        advance(TTL + 1);
        assertFalse(book.expired(), "the new holder has its own TTL, from the handover");
    }

    @Test
    void aDisconnectedClientLeavesTheLine() {
        book.grant(alice, TTL);
        book.enqueue(new LeaseBook.Waiter(bob, TTL, new CompletableFuture<>()));
        assertEquals(1, book.leaveAll(bob).size());
        LeaseBook.Handover handover = book.end();
        assertNull(handover.next());
        assertNull(book.lease(), "nobody holds it once the holder left and nobody waits");
    }

    private void advance(long nanos) {
        now.addAndGet(nanos);
    }
}
