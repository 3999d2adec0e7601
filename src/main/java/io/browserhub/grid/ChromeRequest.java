package io.browserhub.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.backend.LaunchSettings;
import io.browserhub.browser.LocalBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * The W3C capabilities (alwaysMatch) of one session's Chrome: the operator's browserhub.grid.capabilities, with the
 * hub's own switches added to goog:chromeOptions.args (the profile on the node, headless, window size, user agent),
 * the locale as Chrome's accept-languages preference, and, once the session has a node, the {@code browserhub:node} that pins it there.
 */
final class ChromeRequest {

    private final ObjectNode configured;

    /** {@code configured} is the operator's JSON object, already checked (see {@link #parse}). */
    ChromeRequest(ObjectNode configured) {
        this.configured = configured;
    }

    /** The operator's capabilities: a JSON object, or a sentence saying what is wrong with it. */
    static ObjectNode parse(ObjectMapper json, String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("browserhub.grid.capabilities is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("browserhub.grid.capabilities must be a JSON object such as {\"goog:chromeOptions\": {\"args\": [\"--no-sandbox\"]}}");
        }
        if (object.has("goog:chromeOptions") && !object.get("goog:chromeOptions").isObject()) {
            throw new IllegalArgumentException("browserhub.grid.capabilities: goog:chromeOptions must be an object");
        }
        return object;
    }

    ObjectNode build(LaunchSettings settings, String profileOnNode) {
        ObjectNode caps = configured.deepCopy();
        if (!caps.has("browserName")) {
            caps.put("browserName", "chrome");
        }
        if (settings.node() != null) {
            caps.put(GridNode.NAME_CAPABILITY, settings.node());
        }
        // Playwright answers dialogs; chromedriver must leave them alone if a WebDriver command ever meets one
        caps.put("unhandledPromptBehavior", "ignore");
        ObjectNode chrome = caps.has("goog:chromeOptions") ? (ObjectNode) caps.get("goog:chromeOptions") : caps.putObject("goog:chromeOptions");
        ArrayNode args = chrome.has("args") && chrome.get("args").isArray() ? (ArrayNode) chrome.get("args") : chrome.putArray("args");
        for (String arg : switches(settings, profileOnNode)) {
            args.add(arg);
        }
        if (settings.locale() != null) {
            // Accept-Language and navigator.languages; navigator.language and Intl follow PageEmulation's override
            ObjectNode prefs = chrome.has("prefs") && chrome.get("prefs").isObject() ? (ObjectNode) chrome.get("prefs") : chrome.putObject("prefs");
            prefs.put("intl.accept_languages", settings.locale());
        }
        return caps;
    }

    private static List<String> switches(LaunchSettings settings, String profileOnNode) {
        List<String> args = new ArrayList<>(LocalBackend.QUIET_ARGS);
        args.add("--user-data-dir=" + profileOnNode);
        if (settings.headless()) {
            args.add("--headless=new");
        }
        // the window holds the viewport; each page's viewport itself is emulated (see PageEmulation)
        args.add("--window-size=" + settings.viewportWidth() + "," + settings.viewportHeight());
        if (settings.userAgent() != null) {
            args.add("--user-agent=" + settings.userAgent());
        }
        return args;
    }
}
