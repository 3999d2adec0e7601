package io.browserhub.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON parameter as the plain Java values Playwright passes into a page. JavaScript has one number type, so
 * every JSON number becomes one: an Integer when it fits 32 bits (Playwright sends those as ints), otherwise a
 * Double, which is exactly what JSON.parse makes of it in the page. Jackson would hand over Long or BigInteger,
 * which Playwright refuses ("Unsupported type of argument").
 */
final class JsonArguments {

    private JsonArguments() {
    }

    static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>(node.size());
            node.forEach(item -> out.add(plain(item)));
            return out;
        }
        if (node.isNumber()) {
            if (node.isIntegralNumber() && node.canConvertToInt()) {
                return node.intValue();
            }
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }
}
