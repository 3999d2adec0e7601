package io.browserhub.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * MCP's stdio transport on one side (a JSON-RPC message per line on stdin and stdout), Streamable HTTP to the hub's
 * /mcp on the other: each message is POSTed; a JSON answer, or each message of an SSE answer, becomes a line on
 * stdout. The MCP session id the hub hands out at initialize goes with every later request; end of stdin ends the MCP
 * session (DELETE). Requests run side by side (a long tool call does not hold up a cancellation); lines are written
 * whole, one at a time.
 */
final class McpBridge {

    private static final String SESSION_HEADER = "Mcp-Session-Id";

    private final URI endpoint;
    private final HubOptions.Credential credential;
    private final PrintStream log;
    private final ExecutorService requests = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mcp-request");
        t.setDaemon(true);
        return t;
    });
    private volatile String mcpSession;
    private volatile String protocolVersion;
    private PrintStream out;

    McpBridge(URI endpoint, HubOptions.Credential credential, PrintStream log) {
        this.endpoint = endpoint;
        this.credential = credential;
        this.log = log;
    }

    /** Forwards until stdin ends; then ends the MCP session. */
    void run(BufferedReader in, PrintStream stdout) throws IOException {
        this.out = stdout;
        String line;
        boolean first = true;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String message = line;
            if (first) {
                // initialize must come back (with the MCP session id) before anything else is sent
                forward(message);
                first = false;
            } else {
                requests.submit(() -> forward(message));
            }
        }
        requests.shutdown();
        try {
            requests.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        end();
    }

    private void forward(String message) {
        Object id = idOf(message);
        try {
            HttpURLConnection c = open("POST");
            c.setDoOutput(true);
            byte[] body = message.getBytes(StandardCharsets.UTF_8);
            c.setFixedLengthStreamingMode(body.length);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream o = c.getOutputStream()) {
                o.write(body);
            }
            int status = c.getResponseCode();
            String session = c.getHeaderField(SESSION_HEADER);
            if (session != null) {
                mcpSession = session;
            }
            if (status == 202 || status == 204) {
                return; // a notification or a response: nothing comes back
            }
            String type = c.getContentType() == null ? "" : c.getContentType();
            if (status >= 400) {
                fail(id, "The hub answered HTTP " + status + (status == 401 ? ": the token was refused (" + credential.from() + ")"
                        : status == 404 ? ": the MCP session ended (the hub restarted, or it idled out); restart the MCP server" : "")
                        + ".");
                return;
            }
            try (InputStream body2 = c.getInputStream()) {
                if (type.startsWith("text/event-stream")) {
                    events(body2);
                } else {
                    line(new String(body2.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            fail(id, "The hub at " + endpoint.getHost() + ":" + endpoint.getPort() + " did not answer: " + e.getMessage());
        }
    }

    /** Each SSE event's data is one JSON-RPC message. */
    private void events(InputStream stream) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    line(data.toString());
                    data.setLength(0);
                }
            } else if (line.startsWith("data:")) {
                data.append(data.isEmpty() ? "" : "\n").append(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
        }
        if (!data.isEmpty()) {
            line(data.toString());
        }
    }

    /** One message per line on stdout: re-encoded compactly, so that no newline inside it can split it. */
    private synchronized void line(String json) {
        String compact = json.indexOf('\n') < 0 ? json : Json.write(Json.parse(json));
        if (protocolVersion == null) {
            Object version = Json.object(Json.object(Json.parse(compact)), "result").get("protocolVersion");
            protocolVersion = version == null ? null : version.toString();
        }
        out.print(compact);
        out.print('\n');
        out.flush();
    }

    /** The host hears a failed request as a JSON-RPC error for its id (a notification's failure only goes to stderr). */
    private void fail(Object id, String why) {
        log.println("browserhub mcp: " + why);
        if (id == null) {
            return;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", -32603);
        error.put("message", why);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", "2.0");
        response.put("id", id);
        response.put("error", error);
        line(Json.write(response));
    }

    private void end() {
        if (mcpSession == null) {
            return;
        }
        try {
            HttpURLConnection c = open("DELETE");
            c.getResponseCode();
            c.disconnect();
        } catch (IOException e) {
            log.println("browserhub mcp: could not end the MCP session: " + e.getMessage());
        }
    }

    private HttpURLConnection open(String method) throws IOException {
        HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(5000);
        c.setRequestProperty("Accept", "application/json, text/event-stream");
        c.setRequestProperty("X-Browserhub-Client", HubClient.CLIENT_NAME);
        if (credential.token() != null) {
            c.setRequestProperty("Authorization", "Bearer " + credential.token());
        }
        if (mcpSession != null) {
            c.setRequestProperty(SESSION_HEADER, mcpSession);
        }
        if (protocolVersion != null) {
            c.setRequestProperty("MCP-Protocol-Version", protocolVersion);
        }
        return c;
    }

    private static Object idOf(String message) {
        try {
            return Json.object(Json.parse(message)).get("id");
        } catch (RuntimeException e) {
            return null;
        }
    }
}
