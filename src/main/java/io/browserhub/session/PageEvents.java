package io.browserhub.session;

import static io.browserhub.error.Throwables.firstLine;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import io.browserhub.files.PrivateFiles;
import io.browserhub.observability.LogText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.browserhub.session.event.ConsoleMessage;
import io.browserhub.session.event.DownloadFailed;
import io.browserhub.session.event.DownloadSaved;
import io.browserhub.session.event.DownloadStarted;
import io.browserhub.session.event.NetworkFailed;
import io.browserhub.session.event.NetworkRequest;
import io.browserhub.session.event.NetworkResponse;
import io.browserhub.session.event.PageError;
import org.jboss.logging.Logger;

/**
 * The page events of a running session besides tabs, navigation and dialogs: console messages, uncaught
 * errors, downloads, and network traffic while someone listens to it. Actor thread only: the Playwright
 * callbacks only hand data on. A download is saved between commands, and only once the browser has finished
 * it, because Download.saveAs waits for the whole transfer.
 */
final class PageEvents {

    private static final Logger LOG = Logger.getLogger(PageEvents.class);
    private static final int MAX_TEXT = 8192;
    private static final int MAX_URL = 2048;
    /**
     * Chromium writes a download to downloads/<guid>.crdownload and renames it to <guid> when complete. The
     * download event may come before the file exists, so only finished artifacts count.
     */
    private static final Pattern ARTIFACT = SessionPaths.ARTIFACT;
    private static final String IN_PROGRESS = SessionPaths.IN_PROGRESS;
    /** After this long without visible progress, saving is tried anyway, so a failed download gets reported. */
    private static final long STALLED_MS = TimeUnit.MINUTES.toMillis(5);

    private final String sessionId;
    private final SessionEvents events;
    private final Tabs tabs;
    private final BrowserContext context;
    private final Path downloads;
    private final List<PendingDownload> pending = new ArrayList<>();
    /** Artifacts a previous browser left behind: they say nothing about this one's downloads. */
    private final Set<String> leftovers;
    private final Consumer<Request> onRequest = this::request;
    private final Consumer<Response> onResponse = this::response;
    private final Consumer<Request> onRequestFailed = this::requestFailed;
    private boolean network;

    private record PendingDownload(Download download, String tab, long since) {
    }

    PageEvents(String sessionId, SessionEvents events, Tabs tabs, BrowserContext context, Path downloads) {
        this.sessionId = sessionId;
        this.events = events;
        this.tabs = tabs;
        this.context = context;
        this.downloads = downloads;
        this.leftovers = new HashSet<>(names());
    }

    void attach(Page page) {
        page.onConsoleMessage(message -> events.emit(sessionId, tabs.idOf(page),
                new ConsoleMessage(message.type(), clip(message.text(), MAX_TEXT), message.location())));
        page.onPageError(error -> {
            // Playwright hands over "TypeError: msg\n" followed by the stack, which repeats that line
            List<String> lines = new ArrayList<>(error == null ? List.of() : error.lines().toList());
            if (lines.size() > 1 && lines.get(0).equals(lines.get(1))) {
                lines.remove(0);
            }
            String text = String.join("\n", lines);
            String first = lines.isEmpty() ? "" : lines.get(0);
            int colon = first.indexOf(": ");
            String name = colon > 0 && !first.substring(0, colon).contains(" ") ? first.substring(0, colon) : "Error";
            events.emit(sessionId, tabs.idOf(page), new PageError(name, colon > 0 ? first.substring(colon + 2) : first, clip(text, MAX_TEXT)));
        });
        page.onDownload(download -> {
            String tab = tabs.idOf(page);
            events.emit(sessionId, tab, new DownloadStarted(clip(download.url(), MAX_URL), download.suggestedFilename()));
            pending.add(new PendingDownload(download, tab, System.currentTimeMillis()));
        });
    }

    /** Between commands: follows the network subscription and saves finished downloads. Never throws. */
    void housekeeping() {
        try {
            syncNetwork();
            if (!pending.isEmpty() && finished()) {
                while (!pending.isEmpty()) {
                    save(pending.remove(0));
                }
            }
        } catch (RuntimeException e) {
            // the browser may be going away; the actor notices that on its own
            LOG.debugf("Session %s: page events: %s", sessionId, LogText.escape(firstLine(e.getMessage())));
        }
    }

    private void syncNetwork() {
        boolean wanted = events.wantsNetwork(sessionId);
        if (wanted != network) {
            network = wanted;
            if (wanted) {
                context.onRequest(onRequest);
                context.onResponse(onResponse);
                context.onRequestFailed(onRequestFailed);
            } else {
                context.offRequest(onRequest);
                context.offResponse(onResponse);
                context.offRequestFailed(onRequestFailed);
            }
        }
    }

    /** Whether every pending download has been written out, so that saving it returns at once. */
    private boolean finished() {
        long now = System.currentTimeMillis();
        int complete = 0;
        for (String name : names()) {
            String artifact = name.endsWith(IN_PROGRESS) ? name.substring(0, name.length() - IN_PROGRESS.length()) : name;
            if (!ARTIFACT.matcher(artifact).matches() || leftovers.contains(artifact)) {
                continue;
            }
            if (artifact.equals(name)) {
                complete++;
            } else if (modifiedAfter(downloads.resolve(name), now - STALLED_MS)) {
                return false; // still being written
            }
        }
        return complete >= pending.size() || now - pending.get(0).since() > STALLED_MS;
    }

    private List<String> names() {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.map(f -> f.getFileName().toString()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean modifiedAfter(Path file, long millis) {
        try {
            return Files.getLastModifiedTime(file).toMillis() > millis;
        } catch (IOException e) {
            return false; // renamed meanwhile: finished
        }
    }

    /** Saves a download under downloads/ with its suggested name; by now the browser has finished it. */
    private void save(PendingDownload p) {
        Download download = p.download();
        String url = clip(download.url(), MAX_URL);
        String suggested = download.suggestedFilename();
        try {
            PrivateFiles.directories(downloads);
            Path target = freeName(downloads, safeName(suggested));
            download.saveAs(target);
            PrivateFiles.restrict(target);
            String failure = download.failure();
            if (failure != null) {
                events.emit(sessionId, p.tab(), new DownloadFailed(url, suggested, failure));
            } else {
                events.emit(sessionId, p.tab(), new DownloadSaved(url, suggested, target.toString(), Files.size(target)));
            }
        } catch (PlaywrightException | IOException e) {
            LOG.debugf("Session %s: download of %s failed: %s", sessionId, LogText.escape(download.url()), LogText.escape(e.getMessage()));
            events.emit(sessionId, p.tab(), new DownloadFailed(url, suggested, failureOf(e)));
        }
        try {
            // the browser's own copy, named by its GUID, is no longer needed
            download.delete();
        } catch (PlaywrightException e) {
            LOG.debugf("Session %s: could not delete the browser's copy of %s: %s", sessionId, LogText.escape(download.url()), LogText.escape(e.getMessage()));
        }
    }

    /** Playwright's message without its "Error {" wrapper. */
    private static String failureOf(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        java.util.regex.Matcher m = Pattern.compile("message='([^\\n]*)").matcher(message);
        return m.find() ? m.group(1) : firstLine(message);
    }

    private void request(Request request) {
        events.emit(sessionId, tabOf(request), new NetworkRequest(request.method(), clip(request.url(), MAX_URL),
                request.resourceType(), request.isNavigationRequest()));
    }

    private void response(Response response) {
        Request request = response.request();
        events.emit(sessionId, tabOf(request), new NetworkResponse(request.method(), clip(response.url(), MAX_URL),
                response.status(), response.statusText()));
    }

    private void requestFailed(Request request) {
        events.emit(sessionId, tabOf(request), new NetworkFailed(request.method(), clip(request.url(), MAX_URL), request.failure()));
    }

    private String tabOf(Request request) {
        try {
            return tabs.idOf(request.frame().page());
        } catch (PlaywrightException e) {
            return null; // a service worker's request belongs to no tab
        }
    }

    /** The suggested name without anything that could leave the downloads directory. */
    static String safeName(String suggested) {
        String name = suggested == null ? "" : suggested.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isEmpty()) {
            name = "download";
        }
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    /** report.txt, then report (1).txt, report (2).txt ... */
    static Path freeName(Path dir, String name) {
        Path candidate = dir.resolve(name);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 1; Files.exists(candidate); i++) {
            candidate = dir.resolve(base + " (" + i + ")" + ext);
        }
        return candidate;
    }

    private static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "… (" + s.length() + " characters)";
    }
}
