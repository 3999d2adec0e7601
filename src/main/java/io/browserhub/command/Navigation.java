package io.browserhub.command;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.WaitUntilState;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.files.FileRoots;
import io.browserhub.session.LiveSession;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loading URLs: which ones are allowed, and how long to wait for them. */
final class Navigation {

    static final List<String> WAIT_UNTIL = List.of("load", "domcontentloaded", "networkidle", "commit");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final List<String> SCHEMES = List.of("http", "https", "about", "data", "file");
    /** "localhost:8080/x" starts like a URL scheme ("localhost:") but is a host and port. */
    private static final Pattern HOST_AND_PORT = Pattern.compile("^[A-Za-z0-9.-]+:\\d+(?:[/?#]|$)");
    private static final Pattern LOOPBACK = Pattern.compile("(localhost|127\\.\\d+\\.\\d+\\.\\d+|\\[::1])(?::\\d+)?(?:[/?#]|$)");
    /** Pages a relative path can be resolved against. */
    private static final Pattern RELATIVE_BASE = Pattern.compile("(?i)(https?|file):");
    /** Endings of file names that are not top-level domains people type. */
    private static final Set<String> FILE_EXTENSIONS = Set.of("html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "jsp", "cgi",
            "txt", "json", "xml", "pdf", "png", "jpg", "jpeg", "gif", "svg", "webp", "js", "mjs", "css", "md", "csv");

    private Navigation() {
    }

    static Response go(LiveSession live, Page page, String url, FileRoots roots, String waitUntil, double timeoutMs) {
        checkUrl(url, page.url(), roots);
        return live.navigate(page, url, new Page.NavigateOptions().setWaitUntil(waitUntil(waitUntil)).setTimeout(timeoutMs));
    }

    static WaitUntilState waitUntil(String value) {
        return WaitUntilState.valueOf(value.toUpperCase(Locale.ROOT));
    }

    /**
     * Refuses URLs the hub will not load, with the URL that was probably meant: "example.com" is https://example.com,
     * but "form.html" is a file next to the current page, not a host called form.html. {@code base} is the tab's URL.
     * A file: URL must be under the roots pages may read (docs/security.md).
     */
    static void checkUrl(String url, String base, FileRoots roots) {
        Matcher m = SCHEME.matcher(url);
        String scheme = m.find() && !HOST_AND_PORT.matcher(url).find() ? m.group(1) : null;
        if (scheme == null) {
            String suggestion = meant(url.strip(), base);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("url", url);
            if (suggestion != null) {
                data.put("suggestion", suggestion);
            }
            throw new HubException(ErrorCode.NAVIGATION_FAILED, "\"" + url + "\" is not a full URL with a scheme; "
                    + (suggestion == null ? "write it in full, e.g. https://example.com/ or file:///path/to/" + url + "."
                    : looksLikeHost(url.strip()) ? "write it in full: \"" + suggestion + "\"."
                    : "it looks like a path, and relative to this tab's page (" + base + ") it is \"" + suggestion + "\"."),
                    data);
        }
        if (!SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
            throw new HubException(ErrorCode.NAVIGATION_FAILED, "URL scheme \"" + scheme + ":\" is not allowed; use one of " + SCHEMES + ".",
                    Map.of("url", url));
        }
        if (scheme.equalsIgnoreCase("file")) {
            roots.checkFileUrl(url);
        }
    }

    /** The full URL a scheme-less one probably means, or null when there is no good guess. */
    private static String meant(String url, String base) {
        if (url.startsWith("//")) {
            return "https:" + url;
        }
        if (looksLikeHost(url)) {
            return (LOOPBACK.matcher(url).lookingAt() ? "http://" : "https://") + url;
        }
        if (base != null && RELATIVE_BASE.matcher(base).lookingAt()) {
            try {
                return URI.create(base).resolve(url).toString();
            } catch (IllegalArgumentException notAPath) {
                return null;
            }
        }
        return null;
    }

    /** "example.com/x", "localhost:8080", "10.0.0.2": a host first; "form.html", "./a", "/a", "docs/a.html": a path. */
    private static boolean looksLikeHost(String url) {
        String host = url.split("[/?#]", 2)[0].replaceFirst(":\\d+$", "");
        if (host.isEmpty()) {
            return false;
        }
        if (LOOPBACK.matcher(url).lookingAt() || host.matches("\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]+]")) {
            return true;
        }
        int dot = host.lastIndexOf('.');
        return dot > 0 && host.matches("([A-Za-z0-9-]+\\.)+[A-Za-z][A-Za-z0-9-]*")
                && !FILE_EXTENSIONS.contains(host.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
