package io.browserhub.data;

import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import java.util.Map;

/** For tests that create a session with options themselves: an earlier run's session of that id goes first. */
final class Sessions {

    private Sessions() {
    }

    static void deleteIfThere(RpcClient agent, String id) {
        try {
            agent.call("session.delete", Map.of("id", id));
        } catch (RpcError e) {
            if (!"SESSION_NOT_FOUND".equals(e.kind())) {
                throw e;
            }
        }
    }
}
