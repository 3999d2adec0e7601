package io.browserhub.command;

import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** What the hub knows about Playwright selectors before a page sees them. */
final class Selectors {

    /**
     * A ref as page.snapshot prints it: "e5" in the page, "f1e5" inside the first frame (Playwright 1.62). As CSS it
     * would name an element called &lt;e5&gt;, which no page has: it is always a ref missing its engine.
     */
    private static final Pattern BARE_REF = Pattern.compile("(f\\d+)?e\\d+");

    private Selectors() {
    }

    static void refuseBareRef(String param, String selector) {
        String trimmed = selector.strip();
        if (!BARE_REF.matcher(trimmed).matches()) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(param, selector);
        data.put("suggestion", "aria-ref=" + trimmed);
        throw new HubException(ErrorCode.INVALID_PARAMS, "\"" + selector + "\" is a ref from page.snapshot"
                + " without its selector engine; write \"aria-ref=" + trimmed + "\".", data);
    }
}
