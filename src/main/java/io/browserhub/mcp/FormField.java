package io.browserhub.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.error.HubException;
import java.util.List;

/** browser_fill_form's field types, and the page method that fills each. */
final class FormField {

    static final List<String> TYPES = List.of("textbox", "checkbox", "radio", "combobox", "slider");

    private FormField() {
    }

    /** The step that gives the field (already addressed by params: session, selector, timeout) its value. */
    static Step step(String type, String value, ObjectNode params) {
        return switch (type) {
            case "textbox", "slider" -> new Step("page.fill", params.put("value", value));
            case "checkbox" -> switch (value) {
                case "true" -> new Step("page.check", params);
                case "false" -> new Step("page.uncheck", params);
                default -> throw HubException.invalidParams("A checkbox field's value is \"true\" or \"false\", not \"" + value + "\".");
            };
            case "radio" -> new Step("page.check", params);
            case "combobox" -> {
                params.putArray("values").add(value);
                yield new Step("page.selectOption", params);
            }
            default -> throw HubException.invalidParams("A field's type is one of " + TYPES + ", not \"" + type + "\".");
        };
    }
}
