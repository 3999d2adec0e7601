package io.browserhub.cli;

import java.util.Map;

/** One JSON-RPC call to the hub; the result, or a {@link CliFailure}. Over HTTP ({@link HubClient}) or a WebSocket ({@link HubSocket}). */
interface Rpc {

    Object call(String method, Map<String, ?> params);
}
