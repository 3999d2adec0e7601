package io.browserhub.command;

import static io.browserhub.command.ParamSpec.opt;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.backend.LaunchOptions;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The launch options of session.create, session.ensure and session.configure (proxy, geolocation, init scripts, ...):
 * their declarations, and every check, made before anything is created or changed. A value Chromium would refuse at
 * launch, or one that would take the browser out of the hub's hands, is INVALID_PARAMS here rather than a session that
 * cannot start.
 */
public final class LaunchOptionParams {

    public static final ParamSpec[] PARAMS = {
        opt("proxy", ParamType.OBJECT, "{server, bypass?, username?, password?}: every request goes through this proxy"
                + " (http://, https://, socks4:// or socks5:// host:port; bypass: comma-separated hosts)."),
        opt("geolocation", ParamType.OBJECT, "{latitude, longitude, accuracy?} reported by navigator.geolocation (grant"
                + " \"geolocation\" in permissions too)."),
        opt("permissions", ParamType.STRING_ARRAY, "Permissions granted to every origin, e.g. [\"geolocation\", \"notifications\"]."),
        opt("initScripts", ParamType.STRING_ARRAY, "JavaScript sources run in every document before its own scripts."),
        opt("extraHTTPHeaders", ParamType.OBJECT, "Headers sent with every request, {name: value}."),
        opt("colorScheme", ParamType.STRING, "\"light\", \"dark\" or \"no-preference\" (prefers-color-scheme)."),
        opt("deviceScaleFactor", ParamType.NUMBER, "Device pixels per CSS pixel, 0.25..5 (default 1)."),
        opt("ignoreHTTPSErrors", ParamType.BOOLEAN, "Accept invalid TLS certificates."),
        opt("args", ParamType.STRING_ARRAY, "Extra Chromium switches such as \"--lang=fr\"; switches that would take the browser"
                + " out of the hub's control (--remote-debugging-*, --user-data-dir, --headless, ...) are refused."),
        opt("extensions", ParamType.STRING_ARRAY, "Absolute paths of unpacked extensions (directories with a manifest.json)"
                + " on the hub's machine."),
        opt("storageState", ParamType.OBJECT, "{cookies, origins} as session.storageState returns it: seeds the profile at the"
                + " next start (a login carried over from another session), then is forgotten."),
    };

    /** What Playwright's Chromium can grant (its webPermissionToProtocol table); anything else fails the launch. */
    static final Set<String> PERMISSIONS = Set.of("geolocation", "midi", "midi-sysex", "notifications", "camera", "microphone",
            "background-sync", "ambient-light-sensor", "accelerometer", "gyroscope", "magnetometer", "clipboard-read",
            "clipboard-write", "payment-handler", "storage-access", "local-fonts", "local-network-access", "screen-wake-lock");

    /**
     * Switches a session may not add: they move the browser's DevTools connection or profile away from the hub, change
     * its mode, or duplicate an option the hub sets itself (use proxy and extensions for those). Compared in lower case,
     * the part before '='; "remote-debugging" stands for every switch that starts with it.
     */
    static final List<String> DENIED_SWITCHES = List.of("remote-debugging", "remote-allow-origins", "user-data-dir",
            "profile-directory", "headless", "no-startup-window", "incognito", "guest", "single-process", "app",
            "load-extension", "disable-extensions-except", "proxy-server", "proxy-pac-url", "proxy-bypass-list",
            "no-proxy-server", "proxy-auto-detect", "dump-dom", "print-to-pdf", "screenshot");

    private static final Pattern SWITCH = Pattern.compile("--([A-Za-z0-9][A-Za-z0-9_-]*)(=.*)?", Pattern.DOTALL);
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");
    private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#\\s]+");
    private static final List<String> PROXY_SCHEMES = List.of("http", "https", "socks4", "socks5");
    private static final int MAX_ITEMS = 64;
    private static final int MAX_SCRIPT = 1 << 20;
    private static final int MAX_TEXT = 8192;

    private LaunchOptionParams() {
    }

    /** The launch options among a call's parameters; null fields for those not given. */
    public static LaunchOptions parse(Params p) {
        return new LaunchOptions(
                p.has("proxy") ? proxy(p.node("proxy")) : null,
                p.has("geolocation") ? geolocation(p.node("geolocation")) : null,
                p.has("permissions") ? permissions(p.strings("permissions")) : null,
                p.has("initScripts") ? initScripts(p.strings("initScripts")) : null,
                p.has("extraHTTPHeaders") ? headers(p.node("extraHTTPHeaders")) : null,
                p.has("colorScheme") ? p.choice("colorScheme", null, List.of("light", "dark", "no-preference")) : null,
                p.has("deviceScaleFactor") ? scale(p.number("deviceScaleFactor", 1)) : null,
                p.boolOrNull("ignoreHTTPSErrors"),
                p.has("args") ? args(p.strings("args")) : null,
                p.has("extensions") ? extensions(p.strings("extensions")) : null,
                p.has("storageState") ? storageState(p.node("storageState")) : null);
    }

    static LaunchOptions.Proxy proxy(JsonNode node) {
        only(node, "proxy", "server", "bypass", "username", "password");
        String server = text(node, "server", "proxy", true);
        String withScheme = server.contains("://") ? server : "http://" + server;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw invalid("proxy", "proxy.server \"" + clip(server) + "\" is not host:port or a proxy URL such as http://proxy:3128.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!PROXY_SCHEMES.contains(scheme) || uri.getHost() == null || uri.getUserInfo() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("proxy", "proxy.server must be [scheme://]host[:port] with scheme http, https, socks4 or socks5 and"
                    + " nothing else (credentials go in proxy.username and proxy.password), not \"" + clip(server) + "\".");
        }
        String username = text(node, "username", "proxy", false);
        String password = text(node, "password", "proxy", false);
        if (password != null && username == null) {
            throw invalid("proxy", "proxy.password needs proxy.username.");
        }
        if (username != null && scheme.startsWith("socks")) {
            throw invalid("proxy", "Chromium cannot authenticate to a SOCKS proxy: leave out proxy.username, or use an HTTP proxy.");
        }
        return new LaunchOptions.Proxy(withScheme, text(node, "bypass", "proxy", false), username, password);
    }

    static LaunchOptions.Geolocation geolocation(JsonNode node) {
        only(node, "geolocation", "latitude", "longitude", "accuracy");
        double latitude = number(node, "latitude", -90, 90);
        double longitude = number(node, "longitude", -180, 180);
        Double accuracy = node.hasNonNull("accuracy") ? number(node, "accuracy", 0, 1e7) : null;
        return new LaunchOptions.Geolocation(latitude, longitude, accuracy);
    }

    static List<String> permissions(List<String> names) {
        bounded("permissions", names.size());
        for (String name : names) {
            if (!PERMISSIONS.contains(name)) {
                throw invalid("permissions", "Unknown permission \"" + clip(name) + "\"; Chromium grants " + new java.util.TreeSet<>(PERMISSIONS) + ".");
            }
        }
        return names;
    }

    static List<String> initScripts(List<String> scripts) {
        bounded("initScripts", scripts.size());
        long total = 0;
        for (String script : scripts) {
            total += script.length();
        }
        if (total > MAX_SCRIPT) {
            throw invalid("initScripts", "initScripts add up to " + total + " characters; at most " + MAX_SCRIPT + " are kept.");
        }
        return scripts;
    }

    static Map<String, String> headers(JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        bounded("extraHTTPHeaders", node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!HEADER_NAME.matcher(e.getKey()).matches()) {
                throw invalid("extraHTTPHeaders", "\"" + clip(e.getKey()) + "\" is not an HTTP header name.");
            }
            if (!e.getValue().isTextual() || !printable(e.getValue().asText()) || e.getValue().asText().length() > MAX_TEXT) {
                throw invalid("extraHTTPHeaders", "The value of header " + e.getKey() + " must be a string of at most " + MAX_TEXT
                        + " characters without control characters.");
            }
            headers.put(e.getKey(), e.getValue().asText());
        }
        return headers;
    }

    static double scale(double factor) {
        if (!(factor >= 0.25 && factor <= 5)) {
            throw invalid("deviceScaleFactor", "deviceScaleFactor must be 0.25..5, not " + factor + ".");
        }
        return factor;
    }

    static List<String> args(List<String> args) {
        bounded("args", args.size());
        for (String arg : args) {
            var m = SWITCH.matcher(arg);
            if (arg.length() > MAX_TEXT || !m.matches() || !printable(arg)) {
                throw invalid("args", "\"" + clip(arg) + "\" is not a Chromium switch: write it as --name or --name=value.");
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            for (String denied : DENIED_SWITCHES) {
                if (name.equals(denied) || (denied.equals("remote-debugging") && name.startsWith(denied))) {
                    throw invalid("args", "--" + name + " is the hub's to set: it would take the browser out of the hub's"
                            + " control or clash with an option (use proxy and extensions instead of their switches).");
                }
            }
        }
        return args;
    }

    static List<String> extensions(List<String> dirs) {
        bounded("extensions", dirs.size());
        List<String> out = new ArrayList<>();
        for (String dir : dirs) {
            Path path;
            try {
                path = Path.of(dir);
            } catch (RuntimeException e) {
                throw invalid("extensions", "\"" + clip(dir) + "\" is not a path.");
            }
            if (!path.isAbsolute() || !path.normalize().equals(path) || dir.contains(",") || !printable(dir)) {
                throw invalid("extensions", "Extension paths must be absolute, without \"..\" or commas: \"" + clip(dir) + "\".");
            }
            if (!Files.isRegularFile(path.resolve("manifest.json"))) {
                throw invalid("extensions", "\"" + clip(dir) + "\" is not an unpacked extension (a directory with a manifest.json)"
                        + " on the hub's machine.");
            }
            out.add(path.toString());
        }
        return out;
    }

    static LaunchOptions.StorageState storageState(JsonNode node) {
        only(node, "storageState", "cookies", "origins");
        List<LaunchOptions.Cookie> cookies = new ArrayList<>();
        for (JsonNode c : array(node, "cookies", "storageState")) {
            cookies.add(cookie(c, "storageState.cookies"));
        }
        List<LaunchOptions.Origin> origins = new ArrayList<>();
        for (JsonNode o : array(node, "origins", "storageState")) {
            only(o, "storageState.origins", "origin", "localStorage");
            String origin = text(o, "origin", "storageState", true);
            if (!ORIGIN.matcher(origin).matches()) {
                throw invalid("storageState", "storageState origin \"" + clip(origin) + "\" must look like https://host[:port].");
            }
            List<LaunchOptions.NameValue> items = new ArrayList<>();
            for (JsonNode item : array(o, "localStorage", "storageState")) {
                items.add(new LaunchOptions.NameValue(stored(item, "name"), stored(item, "value")));
            }
            origins.add(new LaunchOptions.Origin(origin, items));
        }
        return new LaunchOptions.StorageState(cookies, origins);
    }

    /** One cookie in Playwright's storage-state form: name, value, domain, and optional path, expires, flags, sameSite. */
    public static LaunchOptions.Cookie cookie(JsonNode c, String where) {
        if (!c.isObject()) {
            throw invalid(where, where + " must hold cookie objects {name, value, domain, path?, expires?, httpOnly?, secure?, sameSite?}.");
        }
        only(c, where, "name", "value", "domain", "path", "expires", "httpOnly", "secure", "sameSite", "url", "partitionKey");
        String sameSite = text(c, "sameSite", where, false);
        if (sameSite != null && !List.of("Strict", "Lax", "None").contains(sameSite)) {
            throw invalid(where, "A cookie's sameSite is \"Strict\", \"Lax\" or \"None\", not \"" + clip(sameSite) + "\".");
        }
        Double expires = c.hasNonNull("expires") ? number(c, "expires", -1, 1e11) : null;
        return new LaunchOptions.Cookie(text(c, "name", where, true), text(c, "value", where, true), text(c, "domain", where, true),
                text(c, "path", where, false), expires, bool(c, "httpOnly", where), bool(c, "secure", where), sameSite);
    }

    private static Iterable<JsonNode> array(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > 10_000) {
            throw invalid(where, where + "." + field + " must be an array (of at most 10000 items).");
        }
        return value;
    }

    private static void only(JsonNode node, String where, String... fields) {
        if (!node.isObject()) {
            throw invalid(where, where + " must be an object.");
        }
        List<String> known = List.of(fields);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw invalid(where, where + " has no field \"" + clip(name) + "\"; it takes " + known + ".");
            }
        }
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(where, where + " needs \"" + field + "\" (a string).");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().length() > MAX_TEXT * 8 || !printable(value.asText())) {
            throw invalid(where, where + "." + field + " must be a string without control characters.");
        }
        return value.asText();
    }

    /** A localStorage name or value: any string, newlines included. */
    private static String stored(JsonNode item, String field) {
        JsonNode value = item.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid("storageState", "Every localStorage item of storageState is {name, value}, both strings.");
        }
        return value.asText();
    }

    private static Boolean bool(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw invalid(where, where + "." + field + " must be true or false.");
        }
        return value.asBoolean();
    }

    private static double number(JsonNode node, String field, double min, double max) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber() || !(value.asDouble() >= min && value.asDouble() <= max)) {
            throw invalid(field, field + " must be a number from " + min + " to " + max + ".");
        }
        return value.asDouble();
    }

    private static void bounded(String param, int size) {
        if (size > MAX_ITEMS) {
            throw invalid(param, param + " takes at most " + MAX_ITEMS + " items, not " + size + ".");
        }
    }

    private static boolean printable(String s) {
        return s.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f);
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static HubException invalid(String param, String message) {
        return new HubException(ErrorCode.INVALID_PARAMS, message, Map.of("param", param));
    }
}
