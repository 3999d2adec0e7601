package io.browserhub.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.support.Hub;
import io.browserhub.support.LogCapture;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * A client that puts line breaks or NUL into what the hub logs (its name, a session id, a method) cannot write a
 * line of its own into the hub's log, and no log line carries the access token.
 */
@QuarkusTest
class LogForgingTest {

    private static final String FORGED = "\n12:00:00.000 INFO  [io.br.se.SessionActor] Session admin granted\u0000";

    @Test
    void clientTextIsEscapedInEveryLogLine() {
        List<String> lines = captured(() -> {
            try (RpcClient agent = Hub.connect()) {
                agent.call("client.hello", Map.of("name", "evil" + FORGED.substring(0, 40)));
                agent.call("hub.info");
                try {
                    agent.call("session.get", Map.of("id", "bad" + FORGED));
                } catch (RpcError expected) {
                    // an invalid id: still logged with the command
                }
                try {
                    agent.call("no.such" + FORGED, Map.of());
                } catch (RpcError expected) {
                    // unknown method: still logged with the command
                }
            }
        });
        assertTrue(lines.stream().anyMatch(l -> l.contains("by evil\\n12:00")), "the name is logged, escaped: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains("bad\\n12:00") && l.contains("\\u0000")), "so is the bad id: " + lines);
        for (String line : lines) {
            assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u0000"), "a raw control character in: " + line);
        }
    }

    @Test
    void aRequestWithoutHostIsRefusedWithoutLoggingItsUrl() throws Exception {
        String[] answer = new String[1];
        List<String> lines = captured(() -> answer[0] = rawRequest("GET /rpc?token=" + Hub.TOKEN + " HTTP/1.1\r\nConnection: close\r\n\r\n"));
        assertTrue(answer[0].startsWith("HTTP/1.1 400"), answer[0]);
        assertTrue(answer[0].contains("Host header"), answer[0]);
        assertFalse(answer[0].contains(Hub.TOKEN), answer[0]);
        assertFalse(lines.stream().anyMatch(l -> l.contains(Hub.TOKEN)), "the token reached the log: " + lines);
    }

    @Test
    void theLogFilterTakesTokensOutOfAnyLine() {
        assertEquals("HTTP Request to /rpc?token=<redacted> failed", TokenRedaction.redact("HTTP Request to /rpc?token=" + Hub.TOKEN + " failed"));
        assertEquals("GET /x?a=1&token=<redacted>&b=2", TokenRedaction.redact("GET /x?a=1&token=" + Hub.TOKEN + "&b=2"));
        assertEquals("Authorization: Bearer <redacted>", TokenRedaction.redact("Authorization: Bearer " + Hub.TOKEN));
        ExtLogRecord record = new ExtLogRecord(java.util.logging.Level.SEVERE, "HTTP Request to %s failed", ExtLogRecord.FormatStyle.PRINTF,
                "io.quarkus.vertx.http.runtime.QuarkusErrorHandler");
        record.setParameters(new Object[] {"/rpc?token=" + Hub.TOKEN});
        record.setLoggerName("io.quarkus.vertx.http.runtime.QuarkusErrorHandler");
        assertTrue(new TokenRedaction().isLoggable(record));
        assertEquals("HTTP Request to /rpc?token=<redacted> failed", record.getFormattedMessage());

        ExtLogRecord plain = new ExtLogRecord(java.util.logging.Level.INFO, "%s took %.1f ms", ExtLogRecord.FormatStyle.PRINTF, "x");
        plain.setParameters(new Object[] {"page.title", 1.25});
        assertTrue(new TokenRedaction().isLoggable(plain));
        assertEquals(String.format("%s took %.1f ms", "page.title", 1.25), plain.getMessage(),
                "a line without a token is handed on formatted, so the handler does not format it again");
        assertEquals(null, plain.getParameters());
        assertEquals(plain.getMessage(), plain.getFormattedMessage());
    }

    @Test
    void theCommandLineWritesDurationsWithOneDecimalInEveryLocale() {
        assertEquals("0.0", CommandLog.tenths(0));
        assertEquals("12.3", CommandLog.tenths(12.345));
        assertEquals("0.1", CommandLog.tenths(0.05));
        assertEquals("3935.6", CommandLog.tenths(3935.6));
        assertEquals("10.0", CommandLog.tenths(9.96));
    }

    @Test
    void escapingKeepsTextReadableAndCannotBeImitated() {
        assertEquals("plain text", LogText.escape("plain text"));
        assertEquals("a\\nb\\r\\tc\\u0000d\\u202ee", LogText.escape("a\nb\r\tc\u0000d\u202ee"));
        assertEquals("not a \\\\n break", LogText.escape("not a \\n break"), "a backslash is doubled, so \\n in the log is always a real escape");
        assertTrue(LogText.escape("x".repeat(10_000)).length() < 400, "long text is cut");
        assertEquals("java.lang.IllegalStateException: bad\\nline", LogText.safe(new IllegalStateException("bad\nline")).toString());
    }

    private static List<String> captured(Runnable action) {
        // the hub's own lines, and Quarkus' HTTP error line (the one that carried the URL with its token)
        try (LogCapture log = LogCapture.start(record -> {
            String logger = String.valueOf(record.getLoggerName());
            return logger.startsWith("io.browserhub") || logger.startsWith("io.quarkus.vertx.http") ? LogCapture.message(record) : null;
        })) {
            action.run();
            settle(log.lines());
            return List.copyOf(log.lines());
        }
    }

    /** Command log lines are written a few milliseconds after the answer, in batches: waits until none has come for a while. */
    private static void settle(List<String> lines) {
        long deadline = System.currentTimeMillis() + 5_000;
        int seen = -1;
        while (seen != lines.size() && System.currentTimeMillis() < deadline) {
            seen = lines.size();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String rawRequest(String request) {
        try (Socket socket = new Socket("127.0.0.1", Hub.base().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
