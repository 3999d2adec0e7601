package io.browserhub.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.error.ErrorCode;
import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.SharedSessions;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * rpc.discover is complete: results as JSON Schema with the records as components, and every error kind with its
 * code. The schemas are checked against what the methods really answer, so a declared shape cannot drift from the
 * handler that produces it.
 */
@QuarkusTest
class DiscoverTest {

    @Test
    void everyErrorKindIsPublishedWithItsCodeAndMethodsNameTheirs() {
        JsonNode doc = discover();
        JsonNode errors = doc.get("components").get("errors");
        for (ErrorCode e : ErrorCode.values()) {
            assertEquals(e.code(), errors.get(e.name()).get("code").asInt(), e.name());
            assertEquals(e.name(), errors.get(e.name()).get("data").get("kind").asText());
            assertTrue(errors.get(e.name()).get("message").asText().length() > 5, e.name());
        }
        assertEquals(ErrorCode.values().length, errors.size());
        assertTrue(errorsOf(doc, "page.click").containsAll(List.of("CONTROL_HELD", "NO_ELEMENT", "TIMEOUT", "SESSION_NOT_FOUND",
                "SESSION_UNAVAILABLE", "TAB_NOT_FOUND", "INVALID_PARAMS")), errorsOf(doc, "page.click").toString());
        assertTrue(errorsOf(doc, "page.goto").contains("NAVIGATION_FAILED"));
        assertTrue(errorsOf(doc, "page.evaluate").contains("SCRIPT_ERROR"));
        assertTrue(errorsOf(doc, "session.create").contains("SESSION_EXISTS"));
        assertTrue(errorsOf(doc, "session.get").contains("SESSION_NOT_FOUND"));
        assertTrue(!errorsOf(doc, "hub.info").contains("SESSION_NOT_FOUND"));
    }

    @Test
    void theRecordsAreComponentsReadFromTheCode() {
        JsonNode schemas = discover().get("components").get("schemas");
        JsonNode session = schemas.get("SessionInfo");
        assertEquals("object", session.get("type").asText());
        for (String field : List.of("id", "state", "createdAt", "lastActivityAt", "idleTimeoutSec", "headless", "viewport", "tabs", "controller")) {
            assertTrue(session.get("properties").has(field), field);
        }
        assertEquals("#/components/schemas/TabInfo", session.at("/properties/tabs/items/$ref").asText());
        assertEquals("#/components/schemas/SessionState", session.at("/properties/state/$ref").asText());
        assertEquals("date-time", session.at("/properties/createdAt/format").asText());
        assertEquals("null", session.at("/properties/controller/oneOf/1/type").asText(), "nobody may hold control");
        assertEquals(List.of("stopped", "starting", "running", "stopping", "crashed", "damaged"), texts(schemas.get("SessionState").get("enum")),
                "as the wire writes them");
        assertTrue(session.get("properties").has("damage"), "a damaged session says why");
        assertFalse(texts(session.get("required")).contains("damage"), "and only a damaged one has it");
        assertEquals("boolean", schemas.at("/TabInfo/properties/active/type").asText());
        assertEquals("integer", schemas.at("/Viewport/properties/width/type").asText());
        assertTrue(schemas.has("Controller"));
    }

    @Test
    void realResultsMatchTheirPublishedSchemas() {
        JsonNode doc = discover();
        Map<String, JsonNode> methods = new LinkedHashMap<>();
        doc.get("methods").forEach(m -> methods.put(m.get("name").asText(), m));
        try (RpcClient agent = Hub.connect()) {
            String id = SharedSessions.fresh(agent, "discover", "form.html");
            Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
            calls.put("hub.info", Map.of());
            calls.put("session.ensure", Map.of("id", id));
            calls.put("session.get", Map.of("id", id));
            calls.put("session.list", Map.of());
            calls.put("tab.list", Map.of("session", id));
            calls.put("tab.new", Map.of("session", id));
            calls.put("page.goto", Map.of("session", id, "url", io.browserhub.support.TestPages.url("form.html")));
            calls.put("page.reload", Map.of("session", id));
            calls.put("page.snapshot", Map.of("session", id));
            calls.put("page.selectOption", Map.of("session", id, "selector", "#colour", "values", List.of("green")));
            calls.put("input.key", Map.of("session", id, "action", "press", "key", "Shift"));
            calls.put("trace.status", Map.of("session", id));
            calls.put("session.thumbnail", Map.of("session", id));
            calls.put("session.activity", Map.of("id", id, "limit", 3));
            calls.put("session.stop", Map.of("id", id));
            calls.put("session.delete", Map.of("id", id));
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, Map<String, Object>> call : calls.entrySet()) {
                JsonNode method = methods.get(call.getKey());
                JsonNode result = agent.call(call.getKey(), call.getValue());
                validate(doc, method.at("/result/schema"), result, call.getKey(), problems);
            }
            assertEquals(List.of(), problems);
        }
    }

    /** The subset of JSON Schema that rpc.discover uses: $ref, oneOf, enum, const, type, properties, required, items. */
    private static void validate(JsonNode doc, JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            validate(doc, doc.at(ref.substring(1)), value, at, problems);
            return;
        }
        if (schema.has("oneOf")) {
            for (JsonNode option : schema.get("oneOf")) {
                List<String> tried = new ArrayList<>();
                validate(doc, option, value, at, tried);
                if (tried.isEmpty()) {
                    return;
                }
            }
            problems.add(at + ": " + value + " matches none of " + schema.get("oneOf"));
            return;
        }
        if (schema.has("enum") && !texts(schema.get("enum")).contains(value.asText())) {
            problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(at + ": " + value + " is not " + schema.get("const"));
        }
        if (!schema.has("type")) {
            return;
        }
        String type = schema.get("type").asText();
        boolean ok = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
        if (!ok) {
            problems.add(at + ": " + value + " is not " + type);
            return;
        }
        if (type.equals("object")) {
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asText())) {
                    problems.add(at + ": " + name.asText() + " is missing from " + value);
                }
            }
            schema.path("properties").fields().forEachRemaining(p -> {
                if (value.has(p.getKey())) {
                    validate(doc, p.getValue(), value.get(p.getKey()), at + "." + p.getKey(), problems);
                }
            });
        }
        if (type.equals("array")) {
            for (JsonNode item : value) {
                validate(doc, schema.get("items"), item, at + "[]", problems);
            }
        }
    }

    private static List<String> errorsOf(JsonNode doc, String method) {
        for (JsonNode m : doc.get("methods")) {
            if (m.get("name").asText().equals(method)) {
                List<String> names = new ArrayList<>();
                m.get("errors").forEach(e -> names.add(e.get("$ref").asText().replaceFirst(".*/", "")));
                return names;
            }
        }
        throw new AssertionError("no method " + method);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static JsonNode discover() {
        return Hub.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.discover\"}").get("result");
    }
}
