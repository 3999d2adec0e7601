package io.browserhub.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code browserhub call METHOD [JSON_PARAMS]}: any method of the hub's method table. */
@Command(sortOptions = false,
        description = {"Calls any JSON-RPC method and prints its result as JSON.",
                "`browserhub call rpc.discover` lists the methods.",
                "Example: browserhub call page.snapshot '{\"session\":\"work\"}'"})
final class CallCommand extends HubCommand {

    @Parameters(index = "0", paramLabel = "METHOD", description = "Method name, e.g. page.goto.")
    String method;

    @Parameters(index = "1", arity = "0..1", paramLabel = "JSON_PARAMS",
            description = "The params object (default {}); - reads it from standard input.")
    String params;

    @Override
    void run() {
        out().println(Json.pretty(hub.client().call(method, params())));
    }

    private Map<String, Object> params() {
        if (params == null) {
            return Map.of();
        }
        String text = "-".equals(params) ? stdin() : params;
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "JSON_PARAMS is not JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw new ParameterException(spec.commandLine(), "JSON_PARAMS must be a JSON object such as {\"session\":\"work\"}, not " + text.strip());
        }
        return Json.object(parsed);
    }

    private static String stdin() {
        try (InputStream in = System.in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the params from standard input: " + e.getMessage(), e);
        }
    }
}
