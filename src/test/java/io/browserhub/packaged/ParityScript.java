package io.browserhub.packaged;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.browserhub.support.RpcClient;
import io.browserhub.support.TestPages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scripted conversation with a hub over POST /rpc, answers made comparable between two hubs: what differs by
 * nature (times, durations, client ids, data directories, the hub's port, image bytes) is replaced by a marker.
 */
final class ParityScript {

    private static final String S = "parity-script";
    private static final Set<String> VOLATILE = Set.of("ts", "createdAt", "lastActivityAt", "since", "uptimeMs", "durationMs",
            "clientId", "startedAt", "expiresAt", "ttlMs", "data", "path", "bytes", "stack");
    private static final List<Object[]> STEPS = new ArrayList<>();

    static {
        step("session.create", Map.of("id", S, "viewport", Map.of("width", 900, "height", 600)));
        step("session.get", Map.of("id", S));
        step("page.goto", Map.of("session", S, "url", TestPages.url("form.html")));
        step("page.fill", Map.of("session", S, "selector", "#name", "value", "Grace"));
        step("page.check", Map.of("session", S, "selector", "#terms"));
        step("page.selectOption", Map.of("session", S, "selector", "#toppings", "values", List.of("ham", "cheese")));
        step("page.click", Map.of("session", S, "selector", "#counter"));
        for (String function : List.of("() => 42", "() => 'x'", "() => [true, null, undefined, NaN, -Infinity, -0]",
                "() => ({a: {b: [1, 2n]}})", "() => new Date(86400000)", "() => /x+/m", "() => new URL('http://a.test/b')",
                "() => new Map([[1, 'one']])", "() => new Set(['s'])", "() => new TypeError('t')", "() => name.value")) {
            step("page.evaluate", Map.of("session", S, "function", function));
        }
        step("page.evaluate", Map.of("session", S, "function", "() => null.x"));
        step("page.click", Map.of("session", S, "selector", "#nothing", "timeoutMs", 200));
        step("page.waitFor", Map.of("session", S, "selector", "#nothing", "timeoutMs", 200));
        step("page.goto", Map.of("session", S, "url", "http://127.0.0.1:1/"));
        step("page.title", Map.of("session", S));
        step("page.text", Map.of("session", S, "selector", "#clicks"));
        step("page.snapshot", Map.of("session", S, "selector", "form"));
        step("page.screenshot", Map.of("session", S, "format", "jpeg"));
        step("session.thumbnail", Map.of("session", S));
        step("tab.new", Map.of("session", S, "url", TestPages.url("static.html")));
        step("tab.list", Map.of("session", S));
        step("tab.new", Map.of("session", S, "lease", true)); // refused: an anonymous HTTP request cannot hold a lease
        step("tab.activate", Map.of("session", S, "tab", "t1"));
        step("tab.close", Map.of("session", S, "tab", "t2"));
        step("tab.close", Map.of("session", S, "tab", "t2"));
        step("control.status", Map.of("session", S));
        step("control.acquire", Map.of("session", S));
        step("control.status", Map.of("session", S));
        step("control.release", Map.of("session", S));
        step("page.handleDialog", Map.of("session", S, "accept", true));
        step("trace.start", Map.of("session", S, "screenshots", false));
        step("trace.status", Map.of("session", S));
        step("trace.stop", Map.of("session", S));
        step("session.activity", Map.of("id", S, "limit", 5));
        step("session.stop", Map.of("id", S));
        step("session.get", Map.of("id", S));
        step("session.delete", Map.of("id", S));
        step("session.get", Map.of("id", S));
        step("no.such.method", Map.of());
        step("rpc.discover", Map.of());
    }

    private ParityScript() {
    }

    private static void step(String method, Map<String, Object> params) {
        STEPS.add(new Object[] {method, params});
    }

    static String step(int i) {
        return STEPS.get(i)[0] + " " + STEPS.get(i)[1];
    }

    /** Runs every step against the hub at base and returns the answers, normalised. */
    static List<JsonNode> run(URI base, String token) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<JsonNode> answers = new ArrayList<>();
        int id = 0;
        for (Object[] step : STEPS) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("jsonrpc", "2.0");
            request.put("id", ++id);
            request.put("method", step[0]);
            request.put("params", step[1]);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/rpc"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(RpcClient.JSON.writeValueAsString(request))).build(),
                    HttpResponse.BodyHandlers.ofString());
            answers.add(normalise(RpcClient.JSON.readTree(response.body()), base.getPort()));
        }
        return answers;
    }

    private static JsonNode normalise(JsonNode node, int port) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (VOLATILE.contains(field.getKey()) && field.getValue().isValueNode() && !field.getValue().isNull()) {
                    field.setValue(TextNode.valueOf("<" + field.getKey() + ">"));
                } else {
                    field.setValue(normalise(field.getValue(), port));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normalise(array.get(i), port));
            }
        } else if (node.isTextual()) {
            if (node.asText().matches("c\\d+")) {
                return TextNode.valueOf("c<N>"); // a client's id: numbered by the hub in the order clients came
            }
            return TextNode.valueOf(node.asText().replace("127.0.0.1:" + port, "<hub>").replace("localhost:" + port, "<hub>")
                    .replaceAll("anonymous-\\d+", "anonymous-N").replaceAll("\\d{8}-\\d{6}-\\d{3}", "<time>")
                    .replaceAll("\\d{10,}", "<n>"));
        }
        return node;
    }
}
