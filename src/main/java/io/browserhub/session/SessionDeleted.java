package io.browserhub.session;

/**
 * A session was deleted: its browser has ended and it is no longer listed. What the hub keeps about it in memory
 * (screencasts, event streams, control leases) can go. A session created again under the same id is another
 * {@link Session} object: observers compare by identity, not by id.
 */
public record SessionDeleted(Session session) {
}
