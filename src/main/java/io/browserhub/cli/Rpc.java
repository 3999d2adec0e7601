package io.browserhub.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON-RPC call to the hub; the result, or a {@link CliFailure}. Over HTTP ({@link HubClient}) or a WebSocket ({@link HubSocket}). */
interface Rpc {

    Object call(String method, Map<String, ?> params);

    /** The request as JSON text. */
    static String request(long id, String method, Map<String, ?> params) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        request.put("params", params);
        return Json.write(request);
    }
}
