package io.browserhub.data.har;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.HttpHeader;
import com.microsoft.playwright.options.ServerAddr;
import com.microsoft.playwright.options.Sizes;
import com.microsoft.playwright.options.Timing;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HAR 1.2 entries made from Playwright's view of one request (http://www.softwareishard.com/blog/har-12-spec/):
 * headers as sent and received, sizes, and the timings Chromium measured, laid out the way Playwright's own HAR
 * recorder and Chrome DevTools do (ssl inside connect, -1 for a phase that did not happen). Actor thread: the header,
 * size and body look-ups are round trips to the browser.
 */
final class HarEntries {

    /** Bodies larger than this are left out of an embedded HAR (the entry says so in a comment). */
    static final int MAX_BODY = 5 << 20;
    private static final int MAX_POST_DATA = 1 << 20;

    private static final Timing NOT_MEASURED = notMeasured();

    private final ObjectMapper json;

    HarEntries(ObjectMapper json) {
        this.json = json;
    }

    /** The entry of a finished or failed request; {@code body} is the response body to embed, or null. */
    ObjectNode entry(Request request, String pageref, String failure, boolean embed) {
        Response response = request.existingResponse();
        Timing t = request.timing();
        if (t == null) {
            t = NOT_MEASURED; // a request that failed before Chromium timed anything
        }
        double started = t.startTime > 0 ? t.startTime : System.currentTimeMillis();
        Sizes sizes = failure == null && response != null ? quietly(request::sizes) : null;

        ObjectNode entry = json.createObjectNode();
        if (pageref != null) {
            entry.put("pageref", pageref);
        }
        entry.put("startedDateTime", Instant.ofEpochMilli((long) started).toString());
        ObjectNode timings = timings(t, failure == null && response != null);
        entry.put("time", total(timings));
        entry.set("request", request(request, response, sizes));
        entry.set("response", response(response, sizes, failure, embed));
        entry.set("cache", json.createObjectNode());
        entry.set("timings", timings);
        if (response != null) {
            ServerAddr addr = quietly(response::serverAddr);
            if (addr != null && addr.ipAddress != null) {
                entry.put("serverIPAddress", addr.ipAddress.replaceAll("^\\[|\\]$", ""));
                entry.put("connection", String.valueOf(addr.port));
            }
        }
        entry.put("_resourceType", request.resourceType());
        return entry;
    }

    private ObjectNode request(Request request, Response response, Sizes sizes) {
        ObjectNode out = json.createObjectNode();
        out.put("method", request.method());
        out.put("url", request.url());
        out.put("httpVersion", response == null ? "HTTP/1.1" : httpVersion(response));
        List<HttpHeader> headers = headers(request);
        out.set("cookies", requestCookies(headers));
        out.set("headers", headerArray(headers));
        out.set("queryString", queryString(request.url()));
        byte[] post = quietly(request::postDataBuffer);
        if (post != null) {
            ObjectNode postData = json.createObjectNode();
            postData.put("mimeType", headerValue(headers, "content-type", "application/octet-stream"));
            postData.put("text", post.length > MAX_POST_DATA ? "" : new String(post, StandardCharsets.UTF_8));
            postData.set("params", json.createArrayNode());
            if (post.length > MAX_POST_DATA) {
                postData.put("comment", "left out: " + post.length + " bytes");
            }
            out.set("postData", postData);
        }
        out.put("headersSize", sizes == null ? -1 : sizes.requestHeadersSize);
        out.put("bodySize", sizes == null ? (post == null ? 0 : post.length) : sizes.requestBodySize);
        return out;
    }

    private ObjectNode response(Response response, Sizes sizes, String failure, boolean embed) {
        ObjectNode out = json.createObjectNode();
        ObjectNode content = json.createObjectNode();
        if (response == null) {
            out.put("status", 0);
            out.put("statusText", "");
            out.put("httpVersion", "HTTP/1.1");
            out.set("cookies", json.createArrayNode());
            out.set("headers", json.createArrayNode());
            content.put("size", 0);
            content.put("mimeType", "x-unknown");
            out.set("content", content);
            out.put("redirectURL", "");
            out.put("headersSize", -1);
            out.put("bodySize", -1);
            out.put("_error", failure == null ? "no response" : failure);
            return out;
        }
        List<HttpHeader> headers = headers(response);
        out.put("status", response.status());
        out.put("statusText", response.statusText());
        out.put("httpVersion", httpVersion(response));
        out.set("cookies", responseCookies(headers));
        out.set("headers", headerArray(headers));
        String mimeType = headerValue(headers, "content-type", "x-unknown");
        long encoded = sizes == null ? -1 : sizes.responseBodySize;
        content.put("size", Math.max(0, encoded));
        content.put("mimeType", mimeType);
        if (embed && failure == null && !isRedirect(response.status())) {
            embedBody(response, content, mimeType);
        }
        out.set("content", content);
        out.put("redirectURL", headerValue(headers, "location", ""));
        out.put("headersSize", sizes == null ? -1 : sizes.responseHeadersSize);
        out.put("bodySize", encoded);
        if (sizes != null) {
            out.put("_transferSize", Math.max(0, sizes.responseHeadersSize) + Math.max(0, sizes.responseBodySize));
        }
        if (failure != null) {
            out.put("_error", failure);
        }
        return out;
    }

    private void embedBody(Response response, ObjectNode content, String mimeType) {
        byte[] body;
        try {
            body = response.body();
        } catch (PlaywrightException e) {
            content.put("comment", "body not available: " + firstLine(e.getMessage()));
            return;
        }
        content.put("size", body.length);
        if (body.length > MAX_BODY) {
            content.put("comment", "body of " + body.length + " bytes left out (more than " + MAX_BODY + ")");
            return;
        }
        if (isText(mimeType)) {
            content.put("text", new String(body, StandardCharsets.UTF_8));
        } else {
            content.put("text", Base64.getEncoder().encodeToString(body));
            content.put("encoding", "base64");
        }
    }

    /**
     * HAR timings from Chromium's, which count from the request's start (-1: not measured). blocked is the wait before
     * DNS, connect or sending; ssl is part of connect; send is not measured apart (0, as in Playwright's own HARs).
     */
    private ObjectNode timings(Timing t, boolean completed) {
        ObjectNode out = json.createObjectNode();
        double firstNetwork = first(t.domainLookupStart, t.connectStart, t.requestStart);
        out.put("blocked", firstNetwork >= 0 ? round(firstNetwork) : -1);
        out.put("dns", span(t.domainLookupStart, t.domainLookupEnd));
        out.put("connect", span(t.connectStart, t.connectEnd));
        out.put("ssl", span(t.secureConnectionStart, t.connectEnd));
        out.put("send", 0);
        out.put("wait", completed ? Math.max(0, span(t.requestStart, t.responseStart)) : 0);
        out.put("receive", completed ? Math.max(0, span(t.responseStart, t.responseEnd)) : 0);
        return out;
    }

    /** The sum of every phase that happened (ssl is inside connect), as HAR defines "time". */
    private static double total(ObjectNode timings) {
        double sum = 0;
        for (String phase : List.of("blocked", "dns", "connect", "send", "wait", "receive")) {
            sum += Math.max(0, timings.path(phase).asDouble());
        }
        return round(sum);
    }

    private static Timing notMeasured() {
        Timing t = new Timing();
        t.startTime = -1;
        t.domainLookupStart = -1;
        t.domainLookupEnd = -1;
        t.connectStart = -1;
        t.secureConnectionStart = -1;
        t.connectEnd = -1;
        t.requestStart = -1;
        t.responseStart = -1;
        t.responseEnd = -1;
        return t;
    }

    private static double span(double from, double to) {
        return from >= 0 && to >= 0 && to >= from ? round(to - from) : -1;
    }

    private static double first(double... values) {
        for (double v : values) {
            if (v >= 0) {
                return v;
            }
        }
        return -1;
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    private ArrayNode headerArray(List<HttpHeader> headers) {
        ArrayNode out = json.createArrayNode();
        for (HttpHeader h : headers) {
            out.addObject().put("name", h.name).put("value", h.value);
        }
        return out;
    }

    /** The headers as sent and received, with the browser's own; the provisional ones when the browser no longer has those. */
    private static List<HttpHeader> headers(Request request) {
        List<HttpHeader> raw = quietly(request::headersArray);
        return raw != null ? raw : fromMap(request.headers());
    }

    private static List<HttpHeader> headers(Response response) {
        List<HttpHeader> raw = quietly(response::headersArray);
        return raw != null ? raw : fromMap(response.headers());
    }

    private static List<HttpHeader> fromMap(Map<String, String> map) {
        List<HttpHeader> out = new ArrayList<>();
        map.forEach((name, value) -> {
            HttpHeader h = new HttpHeader();
            h.name = name;
            h.value = value;
            out.add(h);
        });
        return out;
    }

    private static String headerValue(List<HttpHeader> headers, String name, String fallback) {
        for (HttpHeader h : headers) {
            if (h.name.equalsIgnoreCase(name)) {
                return h.value;
            }
        }
        return fallback;
    }

    private ArrayNode requestCookies(List<HttpHeader> headers) {
        ArrayNode out = json.createArrayNode();
        for (HttpHeader h : headers) {
            if (h.name.equalsIgnoreCase("cookie")) {
                for (String pair : h.value.split(";")) {
                    addCookie(out, pair);
                }
            }
        }
        return out;
    }

    private ArrayNode responseCookies(List<HttpHeader> headers) {
        ArrayNode out = json.createArrayNode();
        for (HttpHeader h : headers) {
            if (h.name.equalsIgnoreCase("set-cookie")) {
                // the browser joins several Set-Cookie headers with newlines
                for (String line : h.value.split("\n")) {
                    addCookie(out, line.split(";", 2)[0]);
                }
            }
        }
        return out;
    }

    private static void addCookie(ArrayNode out, String pair) {
        String p = pair.strip();
        if (p.isEmpty()) {
            return;
        }
        int eq = p.indexOf('=');
        out.addObject().put("name", eq < 0 ? p : p.substring(0, eq)).put("value", eq < 0 ? "" : p.substring(eq + 1));
    }

    private ArrayNode queryString(String url) {
        ArrayNode out = json.createArrayNode();
        String query;
        try {
            query = URI.create(url).getRawQuery();
        } catch (IllegalArgumentException e) {
            return out;
        }
        if (query == null) {
            return out;
        }
        for (String part : query.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            out.addObject().put("name", decode(kv[0])).put("value", kv.length > 1 ? decode(kv[1]) : "");
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static String httpVersion(Response response) {
        String v = quietly(response::httpVersion);
        return v == null || v.isBlank() ? "HTTP/1.1" : v;
    }

    private static boolean isRedirect(int status) {
        return status >= 300 && status < 400 && status != 304;
    }

    static boolean isText(String mimeType) {
        String m = mimeType.toLowerCase(Locale.ROOT);
        return m.startsWith("text/") || m.contains("json") || m.contains("javascript") || m.contains("xml")
                || m.contains("ecmascript") || m.startsWith("image/svg");
    }

    private interface Lookup<T> {
        T get();
    }

    /** A look-up the browser may no longer answer (the page navigated on, the request was served from cache). */
    private static <T> T quietly(Lookup<T> lookup) {
        try {
            return lookup.get();
        } catch (PlaywrightException e) {
            return null;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
