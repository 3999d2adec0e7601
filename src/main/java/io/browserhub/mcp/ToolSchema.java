package io.browserhub.mcp;

import io.browserhub.command.ParamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tool's input schema (JSON Schema of an object), written the way Playwright MCP's tools declare theirs. */
final class ToolSchema {

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    static ToolSchema object() {
        return new ToolSchema();
    }

    ToolSchema string(String name, String description) {
        return add(name, Map.of("type", "string", "description", description));
    }

    ToolSchema choice(String name, String description, List<String> values) {
        return add(name, Map.of("type", "string", "enum", values, "description", description));
    }

    ToolSchema number(String name, String description) {
        return add(name, Map.of("type", "number", "description", description));
    }

    ToolSchema integer(String name, String description) {
        return add(name, Map.of("type", "integer", "description", description));
    }

    ToolSchema bool(String name, String description) {
        return add(name, Map.of("type", "boolean", "description", description));
    }

    ToolSchema strings(String name, String description) {
        return add(name, Map.of("type", "array", "items", Map.of("type", "string"), "description", description));
    }

    ToolSchema array(String name, String description, ToolSchema items) {
        return add(name, Map.of("type", "array", "items", items.build(), "description", description));
    }

    ToolSchema choices(String name, String description, List<String> values) {
        return add(name, Map.of("type", "array", "items", Map.of("type", "string", "enum", values), "description", description));
    }

    /** A parameter of a hub method, declared once in the method table, offered as is. */
    ToolSchema param(ParamSpec spec) {
        Map<String, Object> property = new LinkedHashMap<>(spec.type().schema());
        property.put("description", spec.description());
        add(spec.name(), property);
        return spec.required() ? required(spec.name()) : this;
    }

    /** Marks the named properties (declared before) as required. */
    ToolSchema required(String... names) {
        for (String name : names) {
            if (!properties.containsKey(name)) {
                throw new IllegalStateException("No property " + name + " to require");
            }
            required.add(name);
        }
        return this;
    }

    Map<String, Object> build() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private ToolSchema add(String name, Map<String, Object> property) {
        if (properties.put(name, property) != null) {
            throw new IllegalStateException("Property " + name + " declared twice");
        }
        return this;
    }
}
