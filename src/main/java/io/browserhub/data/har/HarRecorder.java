package io.browserhub.data.har;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import io.browserhub.data.files.FileKind;
import io.browserhub.data.files.SessionFiles;
import io.browserhub.session.BrowserAddOn;
import io.browserhub.session.LiveSession;
import io.browserhub.session.SessionPaths;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A HAR being recorded on a running session, between har.start and har.stop. Playwright's recordHar only applies when a
 * context is created, so the HAR is built here from the context's own request events: each finished or failed request
 * becomes an entry, appended to a hidden work file as it completes (a long recording does not grow the heap), and
 * har.stop writes the HAR around them. It follows the session across browser restarts. Actor thread only.
 */
final class HarRecorder implements BrowserAddOn {

    private static final Logger LOG = Logger.getLogger(HarRecorder.class);
    /** Past this many entries the recording keeps only counting (a HAR nobody can open helps nobody). */
    static final int MAX_ENTRIES = 100_000;

    private final String sessionId;
    private final SessionPaths paths;
    private final SessionFiles files;
    private final ObjectMapper json;
    private final HarEntries entries;
    private final boolean embed;
    private final String name;
    private final Instant started = Instant.now();
    private final List<ObjectNode> pages = new ArrayList<>();
    /** The HAR page each tab shows now; per browser. */
    private final Map<Page, ObjectNode> pageOf = new IdentityHashMap<>();
    private final BufferedWriter spool;
    private int written;
    private int left;
    private BrowserContext context;

    // the listeners run inside whatever Playwright call the actor is in, a client's command too: they never throw
    private final Consumer<Request> onRequest = request -> quietly(() -> requested(request));
    private final Consumer<Request> onFinished = request -> quietly(() -> record(request, null));
    private final Consumer<Request> onFailed = request -> quietly(() -> record(request, request.failure()));
    private final Consumer<Page> onLoad = page -> quietly(() -> loaded(page));

    HarRecorder(String sessionId, SessionPaths paths, SessionFiles files, ObjectMapper json, boolean embed) {
        this.sessionId = sessionId;
        this.paths = paths;
        this.files = files;
        this.json = json;
        this.entries = new HarEntries(json);
        this.embed = embed;
        this.name = SessionFiles.stampedName(started, ".har");
        this.spool = files.appendWorkFile(paths, FileKind.HAR, name);
    }

    String name() {
        return name;
    }

    @Override
    public void attach(LiveSession live) {
        context = live.context();
        pageOf.clear();
        context.onRequest(onRequest);
        context.onRequestFinished(onFinished);
        context.onRequestFailed(onFailed);
        context.onPageLoad(onLoad);
    }

    @Override
    public void detach(LiveSession live, boolean usable) {
        if (usable && context != null) {
            try {
                context.offRequest(onRequest);
                context.offRequestFinished(onFinished);
                context.offRequestFailed(onFailed);
                context.offPageLoad(onLoad);
            } catch (PlaywrightException e) {
                LOG.debugf("Session %s: HAR listeners: %s", sessionId, e.getMessage());
            }
        }
        context = null;
        pageOf.clear();
        try {
            spool.flush();
        } catch (IOException e) {
            LOG.debugf("Session %s: HAR work file: %s", sessionId, e.getMessage());
        }
    }

    /** A top-level navigation starts a new HAR page for its tab (the first request of a redirect chain). */
    private void requested(Request request) {
        if (!request.isNavigationRequest() || request.redirectedFrom() != null) {
            return;
        }
        try {
            if (request.frame().parentFrame() != null) {
                return;
            }
            Page page = request.frame().page();
            double start = System.currentTimeMillis(); // Chromium's own timing comes with the response
            ObjectNode harPage = json.createObjectNode();
            harPage.put("startedDateTime", Instant.ofEpochMilli((long) start).toString());
            harPage.put("id", "page_" + (pages.size() + 1));
            harPage.put("title", request.url());
            ObjectNode timings = harPage.putObject("pageTimings");
            timings.put("onContentLoad", -1);
            timings.put("onLoad", -1);
            harPage.put("_startMs", start);
            pages.add(harPage);
            pageOf.put(page, harPage);
        } catch (PlaywrightException e) {
            // a service worker's navigation belongs to no tab
        }
    }

    private void loaded(Page page) {
        ObjectNode harPage = pageOf.get(page);
        if (harPage != null && harPage.path("pageTimings").path("onLoad").asDouble() < 0) {
            double ms = System.currentTimeMillis() - harPage.path("_startMs").asDouble();
            ((ObjectNode) harPage.get("pageTimings")).put("onLoad", Math.max(0, Math.round(ms)));
        }
    }

    private void record(Request request, String failure) {
        if (written >= MAX_ENTRIES) {
            left++;
            return;
        }
        try {
            ObjectNode entry = entries.entry(request, pageref(request), failure, embed);
            spool.write(json.writeValueAsString(entry));
            spool.newLine();
            written++;
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Session %s: no HAR entry for %s: %s", sessionId, request.url(), e.getMessage());
        }
    }

    private void quietly(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.debugf("Session %s: HAR recorder: %s", sessionId, e.toString());
        }
    }

    private String pageref(Request request) {
        try {
            ObjectNode page = pageOf.get(request.frame().page());
            return page == null ? null : page.get("id").asText();
        } catch (PlaywrightException e) {
            return null;
        }
    }

    /** After detaching: writes the HAR file around the entries recorded so far and removes the work file. */
    HarSaved finish(String hubVersion) {
        try {
            spool.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish the HAR work file", e);
        }
        files.write(paths, FileKind.HAR, name, out -> {
            try (JsonGenerator g = json.getFactory().createGenerator(out);
                 BufferedReader lines = Files.newBufferedReader(files.workFile(paths, FileKind.HAR, name), StandardCharsets.UTF_8)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeObjectFieldStart("log");
                g.writeStringField("version", "1.2");
                g.writeObjectFieldStart("creator");
                g.writeStringField("name", "browserhub");
                g.writeStringField("version", hubVersion);
                g.writeEndObject();
                g.writeArrayFieldStart("pages");
                for (ObjectNode page : pages) {
                    ObjectNode shown = page.deepCopy();
                    shown.remove("_startMs");
                    g.writeTree(shown);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("entries");
                for (String line; (line = lines.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        g.writeRawValue(line);
                    }
                }
                g.writeEndArray();
                if (left > 0) {
                    g.writeStringField("comment", left + " more requests were not recorded: a HAR keeps at most " + MAX_ENTRIES + " entries");
                }
                g.writeEndObject();
                g.writeEndObject();
            }
        });
        files.deleteWorkFile(paths, FileKind.HAR, name);
        return new HarSaved(name, SessionFiles.url(sessionId, FileKind.HAR, name), written, pages.size());
    }
}
