package io.browserhub.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import io.browserhub.backend.DevToolsEndpoint;
import io.browserhub.browser.DevToolsSocket;
import io.browserhub.browser.PlaywrightMessage;
import io.browserhub.observability.LogText;
import java.io.IOException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The hub's own DevTools connection to each page of a local Chromium, beside Playwright's: the hot path of
 * page.evaluate (issue 17). Playwright's driver relays every call through a Node.js process; here the actor writes the
 * DevTools message itself and the page answers straight back, which takes about half the time. While the page works,
 * the actor keeps serving Playwright (page events, dialogs and the answers to them arrive as they always did), and the
 * answer wakes it at once. Actor thread only, except where said.
 */
final class PageLanes {

    private static final Logger LOG = Logger.getLogger(PageLanes.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The watchdog ends a stuck command long before: this only bounds a session whose commands have no limit. */
    private static final Duration LONGEST_WAIT = Duration.ofHours(24);
    /** What Playwright calls a page that went away during a call; PlaywrightErrors knows it. */
    static final String CLOSED = PlaywrightMessage.TARGET_CLOSED;
    private static final Lane UNREACHABLE = new Lane(null);

    private final String sessionId;
    private final DevToolsEndpoint endpoint;
    private final Runnable wake;
    private final InterruptServer actor;
    /** A page without a lane has none yet; one mapped to {@link #UNREACHABLE} goes through Playwright for good. */
    private final Map<Page, Lane> lanes = new IdentityHashMap<>();

    PageLanes(String sessionId, Optional<DevToolsEndpoint> endpoint, Runnable wake, InterruptServer actor) {
        this.sessionId = sessionId;
        this.endpoint = endpoint.orElse(null);
        this.wake = wake;
        this.actor = actor;
    }

    /** Whether the browser lets the hub reach its pages directly at all. */
    boolean available() {
        return endpoint != null;
    }

    /**
     * Runtime.evaluate of an expression in the page's main frame, its value awaited and returned by value: the
     * DevTools answer ({@code {result: {type, value}}}, with {@code exceptionDetails} when it threw). Empty when the page cannot
     * be reached this way, or has no document to run it in yet (nothing ran: Playwright's way is the one to take).
     * A PlaywrightException when the page went away meanwhile, as Playwright would report it.
     */
    Optional<JsonNode> evaluate(Page page, String targetId, String expression) {
        Lane lane = lane(page, targetId);
        if (lane == null) {
            return Optional.empty();
        }
        ObjectNode params = JSON.createObjectNode();
        params.put("expression", expression);
        params.put("returnByValue", true);
        params.put("awaitPromise", true);
        CompletableFuture<JsonNode> answer = lane.call("Runtime.evaluate", params);
        if (!answer.isDone()) {
            actor.pumpUntil(answer::isDone, LONGEST_WAIT);
        }
        if (!answer.isDone()) {
            // the session is being lost or stopped: the actor classifies this by what it knows
            throw new PlaywrightException(CLOSED);
        }
        JsonNode response;
        try {
            response = answer.join();
        } catch (CompletionException e) {
            forget(page); // a write that failed leaves a socket its reader may not have noticed: close it
            throw new PlaywrightException(CLOSED + " (" + e.getCause().getMessage() + ")");
        }
        JsonNode error = response.get("error");
        if (error != null) {
            String message = error.path("message").asText();
            if (message.contains("Cannot find default execution context")) {
                return Optional.empty();
            }
            if (message.contains("Execution context was destroyed") || message.contains("Inspected target navigated or closed")) {
                // the document went away under the call: as Playwright words it, so the command reports it the same way
                throw new PlaywrightException(PlaywrightMessage.serverError("Execution context was destroyed, most likely because of a navigation."));
            }
            throw new PlaywrightException(message);
        }
        return Optional.of(response.path("result"));
    }

    private Lane lane(Page page, String targetId) {
        Lane lane = lanes.get(page);
        if (lane != null && lane != UNREACHABLE && lane.socket.closed()) {
            lanes.remove(page);
            lane = null;
        }
        if (lane == null) {
            if (endpoint == null || targetId == null || page.isClosed()) {
                return null;
            }
            lane = open(targetId);
            lanes.put(page, lane);
        }
        return lane == UNREACHABLE ? null : lane;
    }

    private Lane open(String targetId) {
        String path = endpoint.basePath() + "/devtools/page/" + targetId;
        Lane lane = new Lane(wake);
        try {
            lane.socket = DevToolsSocket.open(endpoint.host(), endpoint.port(), path, lane::message, lane::ended,
                    "devtools-" + sessionId);
            return lane;
        } catch (IOException | RuntimeException e) {
            LOG.infof("Session %s: page %s is driven through Playwright only: %s", sessionId, LogText.escape(targetId),
                    LogText.escape(String.valueOf(e.getMessage())));
            return UNREACHABLE;
        }
    }

    /** The page closed: its lane too. */
    void forget(Page page) {
        Lane lane = lanes.remove(page);
        if (lane != null && lane != UNREACHABLE) {
            lane.socket.close();
        }
    }

    /** The browser is going: every lane. */
    void closeAll() {
        for (Lane lane : lanes.values()) {
            if (lane != UNREACHABLE) {
                lane.socket.close();
            }
        }
        lanes.clear();
    }

    /** One page's connection: calls in flight by id, answered on the socket's reader thread. */
    private static final class Lane {
        private final Runnable wake;
        private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final AtomicLong ids = new AtomicLong();
        private DevToolsSocket socket;
        private volatile String ended;

        Lane(Runnable wake) {
            this.wake = wake;
        }

        CompletableFuture<JsonNode> call(String method, ObjectNode params) {
            long id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            ObjectNode message = JSON.createObjectNode();
            message.put("id", id);
            message.put("method", method);
            message.set("params", params);
            try {
                socket.send(JSON.writeValueAsBytes(message));
            } catch (IOException e) {
                pending.remove(id);
                answer.completeExceptionally(e);
            }
            if (ended != null) {
                fail(ended); // the connection went while we wrote: nobody else will answer
            }
            return answer;
        }

        /** Reader thread. */
        void message(byte[] text) {
            JsonNode message;
            try {
                message = JSON.readTree(text);
            } catch (IOException e) {
                return; // not a message of the protocol: nothing waits for it
            }
            JsonNode id = message.get("id");
            CompletableFuture<JsonNode> answer = id == null ? null : pending.remove(id.asLong());
            if (answer != null) {
                answer.complete(message);
                wake.run();
            }
        }

        /** Reader thread. */
        void ended(String why) {
            ended = why;
            fail(why);
            wake.run();
        }

        private void fail(String why) {
            for (Long id : pending.keySet()) {
                CompletableFuture<JsonNode> answer = pending.remove(id);
                if (answer != null) {
                    answer.completeExceptionally(new IOException(why));
                }
            }
        }
    }
}
