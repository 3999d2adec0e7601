package io.browserhub.data.storage;

import static io.browserhub.command.ParamSpec.opt;
import static io.browserhub.command.ParamSpec.req;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.options.Cookie;
import io.browserhub.backend.LaunchOptions;
import io.browserhub.backend.StorageSeed;
import io.browserhub.command.Access;
import io.browserhub.command.CommandFamily;
import io.browserhub.command.CookieDurability;
import io.browserhub.command.LaunchOptionParams;
import io.browserhub.command.MethodTable;
import io.browserhub.command.ParamType;
import io.browserhub.error.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * session.storageState and cookies.get/set/clear: what a session's profile knows about the sites it visited, in
 * Playwright's shapes, so a login can move from one session to another (storageState on session.create).
 */
@ApplicationScoped
public class StorageCommands implements CommandFamily {

    private final ObjectMapper json;
    private final CookieDurability durability;

    public StorageCommands(ObjectMapper json, CookieDurability durability) {
        this.json = json;
        this.durability = durability;
    }

    @Override
    public void register(MethodTable.Builder t) {
        t.sessionWide("session.storageState", Access.READ, "The session's cookies and localStorage per origin, in Playwright's"
                        + " storage-state shape: give it as storageState to session.create to seed another session with this login.",
                "{cookies, origins}",
                (live, p) -> json.readTree(live.context().storageState()));
        t.sessionWide("cookies.get", Access.READ, "The session's cookies, or only those that would be sent to the given URLs.",
                "{cookies: [{name, value, domain, path, expires, httpOnly, secure, sameSite}]}",
                (live, p) -> {
                    List<String> urls = p.strings("urls");
                    for (String url : urls) {
                        httpUrl(url, "urls");
                    }
                    List<Cookie> cookies = urls.isEmpty() ? live.context().cookies() : live.context().cookies(urls);
                    return Map.of("cookies", cookies.stream().map(StorageSeed::fromPlaywright).toList());
                },
                opt("urls", ParamType.STRING_ARRAY, "Only cookies for these http(s) URLs."));
        t.sessionWide("cookies.set", Access.DRIVE, "Adds or replaces cookies: each {name, value} with either url, or domain and path;"
                        + " optional expires (Unix seconds, -1 for a session cookie), httpOnly, secure, sameSite.",
                "{set: n}",
                (live, p) -> {
                    List<Cookie> cookies = cookies(p.node("cookies"));
                    live.context().addCookies(cookies);
                    durability.afterCookieCommand(live);
                    return Map.of("set", cookies.size());
                },
                req("cookies", ParamType.ANY, "An array of cookies."));
        t.sessionWide("cookies.clear", Access.DRIVE, "Removes the session's cookies, or only those matching name, domain and path.",
                "{cleared: true}",
                (live, p) -> {
                    BrowserContext.ClearCookiesOptions options = new BrowserContext.ClearCookiesOptions();
                    if (p.has("name")) {
                        options.setName(p.string("name"));
                    }
                    if (p.has("domain")) {
                        options.setDomain(p.string("domain"));
                    }
                    if (p.has("path")) {
                        options.setPath(p.string("path"));
                    }
                    live.context().clearCookies(options);
                    durability.afterCookieCommand(live);
                    return Map.of("cleared", true);
                },
                opt("name", ParamType.STRING, "Only cookies of this name."),
                opt("domain", ParamType.STRING, "Only cookies of this domain."),
                opt("path", ParamType.STRING, "Only cookies of this path."));
    }

    /** Checked in full before any is added: a bad cookie adds none. */
    private List<Cookie> cookies(JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty() || array.size() > 10_000) {
            throw HubException.invalidParams("cookies must be an array of 1 to 10000 cookie objects.");
        }
        List<Cookie> out = new ArrayList<>();
        for (JsonNode node : array) {
            if (node.isObject() && node.hasNonNull("url")) {
                // a cookie for a URL: the browser derives domain, path and secure from it, as Playwright does
                ObjectNode withDomain = ((ObjectNode) node).deepCopy();
                String url = node.get("url").asText();
                withDomain.put("domain", httpUrl(url, "cookies").getHost());
                withDomain.remove("url");
                if (withDomain.has("path")) {
                    throw HubException.invalidParams("A cookie takes url, or domain and path, not both url and path.");
                }
                LaunchOptions.Cookie checked = LaunchOptionParams.cookie(withDomain, "cookies");
                Cookie cookie = StorageSeed.toPlaywright(checked).setUrl(url);
                cookie.domain = null;
                cookie.path = null;
                out.add(cookie);
            } else {
                out.add(StorageSeed.toPlaywright(LaunchOptionParams.cookie(node, "cookies")));
            }
        }
        return out;
    }

    private static URI httpUrl(String url, String param) {
        try {
            URI uri = new URI(url);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (Exception e) {
            // reported below
        }
        throw HubException.invalidParams(param + " takes http(s) URLs, not \"" + (url.length() > 80 ? url.substring(0, 80) + "..." : url) + "\".");
    }
}
