package io.browserhub.command.openrpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import jakarta.annotation.Nullable;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * JSON Schemas of the records the hub answers with (SessionInfo, TabInfo, ...), read from the records themselves,
 * so a field added to a record is documented with it. Nested records and enums become components of their own;
 * a component annotated {@link Nullable} may be null. What the wire looks like is asked of the hub's own Jackson
 * mapper (rpc/WireJson): an enum's values as it writes them, and a component it leaves out when null is not required.
 */
final class RecordSchemas {

    private final ObjectMapper json;

    RecordSchemas(ObjectMapper json) {
        this.json = json;
    }

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
        Set<String> leftOutWhenNull = leftOutWhenNull(type);
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Map<String, Object> schema = schema(c.getGenericType());
            boolean nullable = c.isAnnotationPresent(Nullable.class) || c.getAccessor().isAnnotationPresent(Nullable.class);
            if (leftOutWhenNull.contains(c.getName())) {
                properties.put(c.getName(), schema); // absent rather than null
            } else {
                properties.put(c.getName(), nullable ? Map.of("oneOf", List.of(schema, Map.of("type", "null"))) : schema);
                required.add(c.getName());
            }
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

    /** The record's properties that the mapper writes only when they are not null (NON_NULL, by annotation or mix-in). */
    private Set<String> leftOutWhenNull(Class<?> type) {
        SerializationConfig config = json.getSerializationConfig();
        BeanDescription bean = config.introspect(json.constructType(type));
        JsonInclude.Value classLevel = bean.findPropertyInclusion(config.getDefaultPropertyInclusion(type));
        return bean.findProperties().stream()
                .filter(p -> excludesNull(classLevel.withOverrides(p.findInclusion()).getValueInclusion()))
                .map(BeanPropertyDefinition::getName)
                .collect(Collectors.toSet());
    }

    private static boolean excludesNull(JsonInclude.Include inclusion) {
        return inclusion == JsonInclude.Include.NON_NULL || inclusion == JsonInclude.Include.NON_ABSENT
                || inclusion == JsonInclude.Include.NON_EMPTY || inclusion == JsonInclude.Include.NON_DEFAULT;
    }

    /** An enum as its wire values: each constant as the hub's mapper writes it. */
    private Map<String, Object> enumSchema(Class<?> type) {
        List<Object> values = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            values.add(json.valueToTree(constant).asText());
        }
        return Map.of("type", "string", "enum", values);
    }
}
