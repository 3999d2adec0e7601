package io.browserhub.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * JSON for the client commands as plain Maps, Lists, Strings, Numbers and Booleans (jackson-jr over jackson-core).
 * The client path avoids jackson-databind: an ObjectMapper costs ~300 ms of class loading at every command start,
 * jackson-jr ~10 ms (measured on the HTTP call of `browserhub sessions`).
 */
final class Json {

    private static final JSON COMPACT = JSON.std;
    private static final JSON PRETTY = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

    private Json() {
    }

    static Object read(InputStream in) throws IOException {
        return COMPACT.anyFrom(in);
    }

    /** Parses text; IllegalArgumentException with the parser's words when it is not JSON. */
    static Object parse(String text) {
        try {
            return COMPACT.anyFrom(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage().lines().findFirst().orElse("not JSON"), e);
        }
    }

    static String write(Object value) {
        try {
            return COMPACT.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pretty(Object value) {
        try {
            return PRETTY.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value as a JSON object, or an empty map when it is not one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    /** The object under the key, or an empty map. */
    static Map<String, Object> object(Object map, String key) {
        return object(map instanceof Map<?, ?> m ? m.get(key) : null);
    }

    /** The array under the key, or an empty list. */
    @SuppressWarnings("unchecked")
    static List<Object> array(Object map, String key) {
        Object value = map instanceof Map<?, ?> m ? m.get(key) : null;
        return value instanceof List<?> ? (List<Object>) value : List.of();
    }

    /** The value under the key as text, or the fallback when it is absent or null. */
    static String text(Object map, String key, String fallback) {
        Object value = map instanceof Map<?, ?> m ? m.get(key) : null;
        return value == null ? fallback : value.toString();
    }

    /** Whether the value under the key is true. */
    static boolean flag(Object map, String key) {
        return map instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get(key));
    }

    static long number(Object map, String key, long fallback) {
        Object value = map instanceof Map<?, ?> m ? m.get(key) : null;
        return value instanceof Number n ? n.longValue() : fallback;
    }
}
