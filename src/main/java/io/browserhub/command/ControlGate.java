package io.browserhub.command;

import io.browserhub.client.Client;
import io.browserhub.session.SessionInfo;
import java.util.Optional;

/**
 * Who may drive a session right now. The method table asks it for every DRIVE method twice: when the call
 * arrives, and again on the session's actor thread just before the work runs, because control may have
 * moved while the command waited in the queue.
 */
public interface ControlGate {

    /**
     * CONTROL_HELD unless the client may drive the session now. The returned handle is run when the command
     * has finished; until then the holder's lease counts as in use and does not expire.
     */
    Runnable admit(String sessionId, Client client);

    /** The same check on the actor thread, just before the work runs. */
    void recheck(String sessionId, Client client);

    /** Any other command on the session: when it comes from the holder, the lease is in use. Never throws. */
    void touch(String sessionId, Client client);

    /** The session's controller, for SessionInfo.controller. */
    Optional<SessionInfo.Controller> controller(String sessionId);
}
