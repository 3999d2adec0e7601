package io.browserhub.command;

import io.browserhub.client.Client;
import io.browserhub.session.SessionInfo;
import java.util.Optional;

/**
 * Who may drive a session, or a tab of it, right now. The method table asks it for every DRIVE method twice: when the
 * call arrives, and again on the session's actor thread just before the work runs, because control may have moved
 * while the command waited in the queue.
 */
public interface ControlGate {

    /**
     * CONTROL_HELD unless the client may drive the tab (null: no one tab) of the session now: nobody else holds the
     * whole session, nor that tab. The returned handle is run when the command has finished; until then the holder's
     * lease counts as in use and does not expire.
     */
    Runnable admit(String sessionId, String tab, Client client);

    /** {@link #admit(String, String, Client)} for a command that addresses no one tab. */
    default Runnable admit(String sessionId, Client client) {
        return admit(sessionId, null, client);
    }

    /** The same check on the actor thread, just before the work runs, with the tab the command really addresses. */
    void recheck(String sessionId, String tab, Client client);

    /** The one tab the client holds a lease on in the session, if exactly one: its commands go there by default. */
    Optional<String> leasedTab(String sessionId, Client client);

    /** Leases a tab to the client that has just opened it (tab.new {lease: true}), unless someone holds it already. */
    void leaseNewTab(String sessionId, String tab, Client client);

    /** Any other command on the session: when it comes from the holder, the lease is in use. Never throws. */
    void touch(String sessionId, Client client);

    /** The session's controller, for SessionInfo.controller. */
    Optional<SessionInfo.Controller> controller(String sessionId);
}
