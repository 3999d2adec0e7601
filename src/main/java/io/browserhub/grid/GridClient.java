package io.browserhub.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The hub's HTTP client of one Selenium Grid 4 router, speaking W3C WebDriver for the few calls it needs: new session,
 * delete session, a cheap command that counts as activity, and /status. Thread-safe.
 */
final class GridClient {

    /** What a touch found out about a Grid session. */
    enum Touch { ALIVE, GONE, UNREACHABLE }

    /** A session the Grid created: its id, and where its Chrome's own DevTools server listens on the node. */
    record Created(String sessionId, Optional<String> debuggerAddress) {
    }

    private final GridAddress address;
    private final HttpClient http;
    private final ObjectMapper json;

    GridClient(GridAddress address, ObjectMapper json) {
        this.address = address;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    GridAddress address() {
        return address;
    }

    /** W3C new session; waits while the request sits in the Grid's queue, up to {@code timeout}. */
    Created newSession(ObjectNode alwaysMatch, Duration timeout) {
        ObjectNode body = json.createObjectNode();
        body.putObject("capabilities").set("alwaysMatch", alwaysMatch);
        JsonNode answer = send(request("/session", timeout).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                "create a session", timeout);
        JsonNode value = answer.path("value");
        String id = value.path("sessionId").asText(null);
        if (id == null) {
            throw new GridException("answered a new-session request without a session id: " + abbreviate(answer.toString()));
        }
        String debugger = value.path("capabilities").path("goog:chromeOptions").path("debuggerAddress").asText(null);
        return new Created(id, Optional.ofNullable(debugger));
    }

    /** Ends a session (its Chrome closes gracefully; the slot is free again). Quietly does nothing when it is gone. */
    void delete(String sessionId, Duration timeout) {
        try {
            http.send(request("/session/" + sessionId, timeout).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new GridException("could not be told to end session " + sessionId + " (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GridException("was being told to end session " + sessionId + " when the hub interrupted", e);
        }
    }

    /** Ends a session without waiting: from any thread, for a browser that must go now. */
    CompletableFuture<Void> deleteLater(String sessionId) {
        return http.sendAsync(request("/session/" + sessionId, Duration.ofSeconds(30)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding()).handle((r, e) -> null);
    }

    /**
     * A WebDriver command that touches neither page nor dialogs (get timeouts) and counts as the session's activity
     * on its node, whose session timeout would otherwise end a browser that Playwright drives over CDP alone.
     */
    CompletableFuture<Touch> touch(String sessionId) {
        return http.sendAsync(request("/session/" + sessionId + "/timeouts", Duration.ofSeconds(15)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                    if (error != null) {
                        return Touch.UNREACHABLE;
                    }
                    if (response.statusCode() == 200) {
                        return Touch.ALIVE;
                    }
                    return response.statusCode() == 404 ? Touch.GONE : Touch.UNREACHABLE;
                });
    }

    GridStatus status(Duration timeout) {
        return GridStatus.parse(send(request("/status", timeout).GET().build(), "tell its status", timeout));
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(address.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json");
        address.authorization().ifPresent(a -> b.header("Authorization", a));
        return b;
    }

    private JsonNode send(HttpRequest request, String what, Duration timeout) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new GridException("did not " + what + " within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new GridException("is not reachable (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GridException("was asked to " + what + " when the hub interrupted", e);
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            throw new GridException("answered HTTP " + response.statusCode() + " with something other than JSON: "
                    + abbreviate(response.body()));
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new GridException("refused the hub's credentials (HTTP " + response.statusCode() + "); set user:password in browserhub.grid.url");
        }
        if (response.statusCode() >= 300) {
            JsonNode value = body.path("value");
            String message = value.path("message").asText(response.body());
            throw new GridException("could not " + what + ": " + firstLine(message));
        }
        return body;
    }

    static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : firstLine(m);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
