package io.browserhub.command.openrpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the result shapes the method table declares, such as {@code {url, status?, title}},
 * {@code {sessions: [SessionInfo]}} or {@code {holder: null|{clientId, name}, waiting}}, as JSON Schema. A name with a
 * capital letter refers to a record component (SessionInfo); {@code ?} marks a member that may be absent;
 * {@code true}, {@code false} and {@code null} are literal values; {@code a|b} is either. Lower-case names inside
 * brackets ({@code [values]}) only describe the items. Text after the shape is a remark and not part of it.
 */
final class ResultShapes {

    private final String text;
    private final Function<String, Map<String, Object>> component;
    private int at;

    private ResultShapes(String text, Function<String, Map<String, Object>> component) {
        this.text = text;
        this.component = component;
    }

    /**
     * The schema of a declared result; an empty schema (anything) when the declaration is prose. {@code component}
     * resolves a capitalised name to a schema reference, or returns null when there is no such component.
     */
    static Map<String, Object> schema(String declared, Function<String, Map<String, Object>> component) {
        ResultShapes parser = new ResultShapes(declared.strip(), component);
        try {
            Map<String, Object> schema = parser.value();
            return schema == null ? Map.of() : schema;
        } catch (IllegalArgumentException prose) {
            return Map.of();
        }
    }

    private Map<String, Object> value() {
        List<Map<String, Object>> options = new ArrayList<>();
        do {
            Map<String, Object> one = single();
            if (one == null) {
                return null;
            }
            options.add(one);
            skipSpace();
        } while (take('|'));
        if (options.size() == 1) {
            return options.get(0);
        }
        if (options.stream().allMatch(o -> o.containsKey("const"))) {
            return Map.of("enum", options.stream().map(o -> o.get("const")).toList());
        }
        return Map.of("oneOf", options);
    }

    private Map<String, Object> single() {
        skipSpace();
        if (take('{')) {
            return object();
        }
        if (take('[')) {
            Map<String, Object> items = value();
            expect(']');
            return Map.of("type", "array", "items", items == null ? Map.of() : items);
        }
        String word = word();
        switch (word) {
            case "true":
                return Map.of("const", true);
            case "false":
                return Map.of("const", false);
            case "null":
                return Map.of("type", "null");
            case "":
                throw new IllegalArgumentException("not a shape at " + at);
            default:
                if (Character.isUpperCase(word.charAt(0))) {
                    Map<String, Object> ref = component.apply(word);
                    if (ref == null) {
                        throw new IllegalArgumentException("no component " + word);
                    }
                    return ref;
                }
                return Map.of(); // a lower-case name describes a value without typing it
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        skipSpace();
        if (!take('}')) {
            do {
                skipSpace();
                String name = word();
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("a member name expected at " + at);
                }
                boolean optional = take('?');
                skipSpace();
                Map<String, Object> schema = take(':') ? value() : Map.of();
                properties.put(name, schema == null ? Map.of() : schema);
                if (!optional) {
                    required.add(name);
                }
                skipSpace();
            } while (take(','));
            expect('}');
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }

    private String word() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        return text.substring(start, at);
    }

    private boolean take(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skipSpace();
        if (!take(c)) {
            throw new IllegalArgumentException("'" + c + "' expected at " + at + " of " + text);
        }
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}
