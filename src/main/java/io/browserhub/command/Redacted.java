package io.browserhub.command;

import io.browserhub.backend.LaunchOptions;
import io.browserhub.session.SessionOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/** Session options as they are shown back to clients: without the proxy password and the cookies of a storage-state seed. */
final class Redacted {

    private Redacted() {
    }

    static Map<String, Object> of(SessionOptions o) {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "headless", o.headless());
        put(out, "viewport", o.viewport());
        put(out, "userAgent", o.userAgent());
        put(out, "locale", o.locale());
        put(out, "timezoneId", o.timezoneId());
        put(out, "idleTimeoutSec", o.idleTimeoutSec());
        LaunchOptions l = o.launchOptions();
        if (l.proxy() != null) {
            LaunchOptions.Proxy p = l.proxy();
            Map<String, Object> proxy = new LinkedHashMap<>();
            proxy.put("server", p.server());
            put(proxy, "bypass", p.bypass());
            put(proxy, "username", p.username());
            put(proxy, "password", p.password() == null ? null : "********");
            out.put("proxy", proxy);
        }
        put(out, "geolocation", l.geolocation());
        put(out, "permissions", l.permissions());
        put(out, "initScripts", l.initScripts());
        put(out, "extraHTTPHeaders", l.extraHTTPHeaders());
        put(out, "colorScheme", l.colorScheme());
        put(out, "deviceScaleFactor", l.deviceScaleFactor());
        put(out, "ignoreHTTPSErrors", l.ignoreHTTPSErrors());
        put(out, "args", l.args());
        put(out, "extensions", l.extensions());
        if (l.storageState() != null) {
            out.put("storageState", Map.of("cookies", l.storageState().cookies().size(), "origins", l.storageState().origins().size(),
                    "appliesAt", "the next start"));
        }
        return out;
    }

    private static void put(Map<String, Object> out, String name, Object value) {
        if (value != null) {
            out.put(name, value);
        }
    }
}
