package io.browserhub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What people read: tables, relative times and activity lines, from the shapes the hub sends. */
class TextOutputTest {

    @Test
    void tablesAlignColumnsAndCutLongCells() {
        StringWriter text = new StringWriter();
        new Table("ID", "PAGE", "STATE").row("a", "https://example.com/" + "x".repeat(80), "running").row("longer-id", "", "stopped")
                .print(new PrintWriter(text, true));
        List<String> lines = text.toString().lines().toList();
        assertEquals(3, lines.size(), text.toString());
        int state = lines.get(0).indexOf("STATE");
        assertEquals(state, lines.get(1).indexOf("running"), text.toString());
        assertEquals(state, lines.get(2).indexOf("stopped"), text.toString());
        assertTrue(lines.get(1).contains("…") && lines.get(1).length() < 100, lines.get(1));
    }

    @Test
    void lastActivityReadsAsTimeAgo() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        assertEquals("5 s ago", SessionsCommand.ago("2026-03-01T11:59:55Z", now));
        assertEquals("3 min ago", SessionsCommand.ago("2026-03-01T11:57:00Z", now));
        assertEquals("2 h ago", SessionsCommand.ago("2026-03-01T09:30:00Z", now));
        assertEquals("4 d ago", SessionsCommand.ago("2026-02-25T12:00:00Z", now));
        assertEquals("yesterday-ish", SessionsCommand.ago("yesterday-ish", now), "an unknown format is shown as it came");
    }

    @Test
    void activityLinesNameWhoDidWhatAndHowItEnded() {
        String command = LogsCommand.line(Map.of("seq", 41, "ts", "2026-03-01T12:00:01.123Z", "kind", "command", "tab", "t1",
                "data", Map.of("client", Map.of("name", "agent-7", "kind", "agent"), "method", "page.goto",
                        "url", "https://example.com/", "durationMs", 210.3, "outcome", "NAVIGATION_FAILED")));
        assertTrue(command.endsWith("  #41  command  t1  agent-7 page.goto https://example.com/  210.3 ms  NAVIGATION_FAILED"), command);
        assertTrue(command.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.123  .*"), "local time first: " + command);

        String event = LogsCommand.line(Map.of("seq", 42, "ts", "not a time", "kind", "page.console", "data", Map.of("text", "hi")));
        assertEquals("not a time  #42  page.console  {\"text\":\"hi\"}", event);
    }
}
