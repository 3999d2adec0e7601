package io.browserhub.command;

import java.util.List;

/** A method of the protocol: its name, what it does, its parameters and its handler. */
public record MethodSpec(
        String name,
        String summary,
        Access access,
        List<ParamSpec> params,
        String result,
        boolean interrupting,
        Handler handler) {
}
