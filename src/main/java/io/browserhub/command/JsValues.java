package io.browserhub.command;

import io.browserhub.error.HubException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page.evaluate result as Playwright hands it to Java, made plain JSON. Playwright keeps object identity,
 * so an object that refers to itself arrives as a Map that contains itself (refused here, with the path);
 * a returned Error arrives as a Java exception (turned into {name, message, stack}, never Java internals).
 */
final class JsValues {

    /** Date.prototype.toJSON's format. */
    private static final DateTimeFormatter JS_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Number.MAX_SAFE_INTEGER: every integer up to it is exact in a JavaScript number. */
    private static final double MAX_SAFE_INTEGER = 9007199254740991d;
    private static final Pattern ERROR_LINE = Pattern.compile("([A-Za-z_$][\\w$]*): (.*)");

    private JsValues() {
    }

    static Object plain(Object value) {
        return plain(value, "value", Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Object plain(Object value, String path, Set<Object> enclosing) {
        if (value instanceof Map<?, ?> map) {
            enter(map, path, enclosing);
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v, path + "." + k, enclosing)));
            enclosing.remove(map);
            return out;
        }
        if (value instanceof List<?> list) {
            enter(list, path, enclosing);
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(plain(list.get(i), path + "[" + i + "]", enclosing));
            }
            enclosing.remove(list);
            return out;
        }
        if (value instanceof Throwable error) {
            // Playwright passes the JS error's stack ("TypeError: msg\n    at ...") as the message
            String stack = error.getMessage() == null ? "" : error.getMessage();
            String first = stack.lines().findFirst().orElse("");
            Matcher m = ERROR_LINE.matcher(first);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", m.matches() ? m.group(1) : "Error");
            out.put("message", m.matches() ? m.group(2) : first);
            out.put("stack", stack);
            return out;
        }
        if (value instanceof Date date) {
            return JS_DATE.format(date.toInstant());
        }
        if (value instanceof Pattern regex) {
            return regex.pattern();
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) <= MAX_SAFE_INTEGER) {
            // Playwright hands back every number beyond 32 bits as a Double: 1700000000000, not 1.7E12
            return d.longValue();
        }
        return value;
    }

    private static void enter(Object container, String path, Set<Object> enclosing) {
        if (!enclosing.add(container)) {
            throw HubException.invalidParams("The function's result is not JSON: " + path
                    + " refers back to an enclosing object (a cycle). Return plain data, e.g. only the fields you need.");
        }
    }
}
