package io.browserhub.command.openrpc;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.annotation.Nullable;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON Schemas of the records the hub answers with (SessionInfo, TabInfo, ...), read from the records themselves,
 * so a field added to a record is documented with it. Nested records and enums become components of their own;
 * a component annotated {@link Nullable} may be null. Every component is always present in the JSON.
 */
final class RecordSchemas {

    /** Component name -> schema, in name order. */
    private final Map<String, Map<String, Object>> components = new TreeMap<>();

    /** Adds the record (and what it refers to); returns a reference to it. */
    Map<String, Object> ref(Class<?> type) {
        String name = type.getSimpleName();
        if (!components.containsKey(name)) {
            components.put(name, Map.of()); // placeholder: records may refer to themselves
            components.put(name, type.isEnum() ? enumSchema(type) : recordSchema(type));
        }
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    Map<String, Map<String, Object>> components() {
        return components;
    }

    private Map<String, Object> recordSchema(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type + " is not a record");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Map<String, Object> schema = schema(c.getGenericType());
            boolean nullable = c.isAnnotationPresent(Nullable.class) || c.getAccessor().isAnnotationPresent(Nullable.class);
            properties.put(c.getName(), nullable ? Map.of("oneOf", List.of(schema, Map.of("type", "null"))) : schema);
            required.add(c.getName());
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        return schema;
    }

    private Map<String, Object> schema(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (Collection.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", schema(p.getActualTypeArguments()[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", schema(p.getActualTypeArguments()[1]));
            }
            return schema(raw);
        }
        if (!(type instanceof Class<?> c)) {
            return Map.of();
        }
        if (c == String.class || c == char.class || c == Character.class) {
            return Map.of("type", "string");
        }
        if (c == int.class || c == long.class || c == short.class || c == Integer.class || c == Long.class || c == Short.class) {
            return Map.of("type", "integer");
        }
        if (c == double.class || c == float.class || c == Double.class || c == Float.class) {
            return Map.of("type", "number");
        }
        if (c == boolean.class || c == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == Instant.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (c.isRecord() || c.isEnum()) {
            return ref(c);
        }
        return Map.of();
    }

    /** An enum as its wire values: those of its @JsonValue method, else its constant names. */
    private static Map<String, Object> enumSchema(Class<?> type) {
        Method wire = null;
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(JsonValue.class) && m.getParameterCount() == 0) {
                wire = m;
            }
        }
        List<Object> values = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            try {
                values.add(wire == null ? ((Enum<?>) constant).name() : wire.invoke(constant));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read the wire value of " + constant, e);
            }
        }
        return Map.of("type", "string", "enum", values);
    }
}
