package io.browserhub.backend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a session asks of its browser beyond the basics (PROTOCOL.md, "Session data in and out"): kept in session.json
 * and applied at every start. Null fields mean "the hub's default" and stay null on disk. {@code storageState} is a
 * seed: applied at the next start, then forgotten (the profile keeps what it put there).
 */
public record LaunchOptions(
        Proxy proxy,
        Geolocation geolocation,
        List<String> permissions,
        List<String> initScripts,
        Map<String, String> extraHTTPHeaders,
        String colorScheme,
        Double deviceScaleFactor,
        Boolean ignoreHTTPSErrors,
        List<String> args,
        List<String> extensions,
        StorageState storageState) {

    /** The option names, as clients write them: what session.configure's reset takes. */
    public static final List<String> NAMES = List.of("proxy", "geolocation", "permissions", "initScripts", "extraHTTPHeaders",
            "colorScheme", "deviceScaleFactor", "ignoreHTTPSErrors", "args", "extensions", "storageState");

    /** A proxy server for every request of the browser; credentials answer its authentication challenge. */
    public record Proxy(String server, String bypass, String username, String password) {
    }

    public record Geolocation(double latitude, double longitude, Double accuracy) {
    }

    /** Playwright's storage-state shape: cookies, and localStorage per origin. */
    public record StorageState(List<Cookie> cookies, List<Origin> origins) {
        public StorageState {
            cookies = cookies == null ? List.of() : List.copyOf(cookies);
            origins = origins == null ? List.of() : List.copyOf(origins);
        }
    }

    /** A cookie as Playwright writes it; {@code expires} -1 is a session cookie, sameSite "Strict", "Lax" or "None". */
    public record Cookie(String name, String value, String domain, String path, Double expires, Boolean httpOnly,
                         Boolean secure, String sameSite) {
    }

    public record Origin(String origin, List<NameValue> localStorage) {
        public Origin {
            localStorage = localStorage == null ? List.of() : List.copyOf(localStorage);
        }
    }

    public record NameValue(String name, String value) {
    }

    public LaunchOptions {
        permissions = copy(permissions);
        initScripts = copy(initScripts);
        args = copy(args);
        extensions = copy(extensions);
        extraHTTPHeaders = extraHTTPHeaders == null ? null : Map.copyOf(extraHTTPHeaders);
    }

    public static LaunchOptions none() {
        return new LaunchOptions(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** These options with every non-null field of {@code other} laid over them. */
    public LaunchOptions overriddenBy(LaunchOptions other) {
        if (other == null) {
            return this;
        }
        return new LaunchOptions(
                other.proxy != null ? other.proxy : proxy,
                other.geolocation != null ? other.geolocation : geolocation,
                other.permissions != null ? other.permissions : permissions,
                other.initScripts != null ? other.initScripts : initScripts,
                other.extraHTTPHeaders != null ? other.extraHTTPHeaders : extraHTTPHeaders,
                other.colorScheme != null ? other.colorScheme : colorScheme,
                other.deviceScaleFactor != null ? other.deviceScaleFactor : deviceScaleFactor,
                other.ignoreHTTPSErrors != null ? other.ignoreHTTPSErrors : ignoreHTTPSErrors,
                other.args != null ? other.args : args,
                other.extensions != null ? other.extensions : extensions,
                other.storageState != null ? other.storageState : storageState);
    }

    /** These options with the named ones back at the hub's default; names come from {@link #NAMES}. */
    public LaunchOptions without(Collection<String> names) {
        return new LaunchOptions(
                names.contains("proxy") ? null : proxy,
                names.contains("geolocation") ? null : geolocation,
                names.contains("permissions") ? null : permissions,
                names.contains("initScripts") ? null : initScripts,
                names.contains("extraHTTPHeaders") ? null : extraHTTPHeaders,
                names.contains("colorScheme") ? null : colorScheme,
                names.contains("deviceScaleFactor") ? null : deviceScaleFactor,
                names.contains("ignoreHTTPSErrors") ? null : ignoreHTTPSErrors,
                names.contains("args") ? null : args,
                names.contains("extensions") ? null : extensions,
                names.contains("storageState") ? null : storageState);
    }

    /** Whether anything is set: a session without launch options keeps none in session.json. */
    public boolean anySet() {
        return !equals(none());
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : List.copyOf(new ArrayList<>(list));
    }
}
