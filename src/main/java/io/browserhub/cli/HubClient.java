package io.browserhub.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JSON-RPC over HTTP POST /rpc, one call at a time on a kept-alive connection. HttpURLConnection on purpose: a
 * command's whole run measured ~70 ms with it, ~750 ms with java.net.http.HttpClient, whose start dominates.
 */
final class HubClient implements Rpc {

    /** How the command line appears in activity logs (X-Browserhub-Client names an HTTP client). */
    static final String CLIENT_NAME = "browserhub-cli";
    private static final int CONNECT_TIMEOUT_MS = 5000;
    /** A hub that is still starting answers 503; a client started right after it waits this long. */
    private static final long STARTING_PATIENCE_MS = 30_000;

    private final HubOptions hub;
    private final URI base;
    private final HubOptions.Credential credential;
    private long ids;

    HubClient(HubOptions hub) {
        this.hub = hub;
        this.base = hub.baseUri();
        this.credential = hub.credential();
    }

    URI base() {
        return base;
    }

    HubOptions.Credential credential() {
        return credential;
    }

    @Override
    public Object call(String method, Map<String, ?> params) {
        byte[] body = Rpc.request(++ids, method, params).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STARTING_PATIENCE_MS);
        while (true) {
            HttpURLConnection connection = post(body);
            int status = status(connection);
            if (status == 503 && System.nanoTime() < deadline) {
                connection.disconnect();
                pause();
                continue;
            }
            return answer(method, connection, status);
        }
    }

    private HttpURLConnection post(byte[] body) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(base + "/rpc").toURL().openConnection();
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            c.setRequestProperty("Content-Type", "application/json");
            c.setRequestProperty("Accept", "application/json");
            c.setRequestProperty("X-Browserhub-Client", CLIENT_NAME);
            if (credential.token() != null) {
                c.setRequestProperty("Authorization", "Bearer " + credential.token());
            }
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            return c;
        } catch (IOException e) {
            throw CliFailure.noHub(base, e);
        }
    }

    private int status(HttpURLConnection connection) {
        try {
            return connection.getResponseCode();
        } catch (IOException e) {
            throw CliFailure.noHub(base, e);
        }
    }

    private Object answer(String method, HttpURLConnection connection, int status) {
        Object response;
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            response = in == null ? null : Json.read(in);
        } catch (IOException e) {
            response = null;
        }
        Map<String, Object> error = Json.object(response, "error");
        if (status == 401) {
            throw CliFailure.tokenRefused(base, credential, hub.tokenAdvice());
        }
        if (status == 403) {
            throw CliFailure.hubUnavailable("The hub at " + base + " refused the request: " + Json.text(error, "message", "HTTP 403"));
        }
        if (!error.isEmpty()) {
            // a JSON-RPC error, or the hub's own refusal of this call with its protocol error (413 LIMIT_REACHED)
            throw CliFailure.callFailed(method, error);
        }
        if (status != 200 || !(response instanceof Map<?, ?> map) || !map.containsKey("result")) {
            throw CliFailure.hubUnavailable(base + " answered POST /rpc with " + (status != 200 ? "HTTP " + status : "something that is not"
                    + " JSON-RPC") + "; is --url / $BROWSERHUB_URL the address of a browserhub hub?");
        }
        return map.get("result");
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.hubUnavailable("Interrupted while waiting for the hub to finish starting.");
        }
    }
}
