package io.browserhub.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The JSON types a method parameter may have, with their JSON Schema for rpc.discover. */
public enum ParamType {
    STRING(Map.of("type", "string")),
    INTEGER(Map.of("type", "integer")),
    NUMBER(Map.of("type", "number")),
    BOOLEAN(Map.of("type", "boolean")),
    OBJECT(Map.of("type", "object")),
    STRING_ARRAY(Map.of("type", "array", "items", Map.of("type", "string"))),
    OBJECT_ARRAY(Map.of("type", "array", "items", Map.of("type", "object"))),
    /** A Playwright selector (a string); a bare snapshot ref is refused at once with the form to write. */
    SELECTOR(Map.of("type", "string")),
    ANY(Map.of());

    private final Map<String, Object> schema;

    ParamType(Map<String, Object> schema) {
        this.schema = schema;
    }

    public Map<String, Object> schema() {
        return schema;
    }

    boolean accepts(JsonNode value) {
        return switch (this) {
            case STRING, SELECTOR -> value.isTextual();
            case INTEGER -> value.isIntegralNumber() || (value.isNumber() && Double.isFinite(value.asDouble())
                    && value.asDouble() == Math.rint(value.asDouble()));
            case NUMBER -> value.isNumber() && Double.isFinite(value.asDouble());
            case BOOLEAN -> value.isBoolean();
            case OBJECT -> value.isObject();
            case STRING_ARRAY -> value.isArray() && all(value, JsonNode::isTextual);
            case OBJECT_ARRAY -> value.isArray() && all(value, JsonNode::isObject);
            case ANY -> true;
        };
    }

    /** An accepted INTEGER value, exactly: 1e30 stays 10^30 here, never a wrapped or clamped int. */
    static java.math.BigInteger integral(JsonNode value) {
        return value.isIntegralNumber() ? value.bigIntegerValue() : value.decimalValue().toBigInteger();
    }


    /** Refuses a well-typed value that is still surely wrong, with a sentence that says what to write instead. */
    void check(String name, JsonNode value) {
        if (this == SELECTOR) {
            Selectors.refuseBareRef(name, value.asText());
        }
    }

    private static boolean all(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode item : array) {
            if (!test.test(item)) {
                return false;
            }
        }
        return true;
    }

    String describe() {
        return switch (this) {
            case STRING_ARRAY -> "an array of strings";
            case OBJECT_ARRAY -> "an array of objects";
            case SELECTOR -> "a selector string";
            case INTEGER -> "an integer";
            case OBJECT -> "an object";
            case ANY -> "any JSON value";
            default -> "a " + name().toLowerCase();
        };
    }
}
