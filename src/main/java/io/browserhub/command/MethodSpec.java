package io.browserhub.command;

import java.util.List;

/**
 * A method of the protocol: its name, what it does, its parameters and its handler; {@code onTab}: it works on one
 * tab of a session (the {@code tab} parameter, else the caller's leased tab, else the active one); {@code onActor}: it
 * runs on the session's browser, queued behind the session's other commands (a page method), not on the hub.
 */
public record MethodSpec(
        String name,
        String summary,
        Access access,
        List<ParamSpec> params,
        String result,
        boolean interrupting,
        boolean onTab,
        boolean onActor,
        Handler handler) {

    MethodSpec withHandler(Handler other) {
        return new MethodSpec(name, summary, access, params, result, interrupting, onTab, onActor, other);
    }
}
