package io.browserhub.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What operators see: Prometheus metrics of commands, and one log line per command without typed text. */
@QuarkusTest
class MetricsAndLogsTest {

    @Test
    void commandsShowUpInMetricsByMethodWithDurationsAndInTheLogWithoutTypedText() {
        List<LogRecord> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        double titlesBefore = titleCount(Hub.http().get("/q/metrics").then().extract().asString());
        Logger commands = Logger.getLogger("io.browserhub.commands");
        commands.addHandler(capture);
        try (RpcClient agent = Hub.connect()) {
            agent.call("client.hello", Map.of("name", "metrics-agent"));
            agent.call("session.ensure", Map.of("id", "metered"));
            agent.call("page.goto", Map.of("session", "metered", "url", TestPages.url("login?user=m")));
            for (int i = 0; i < 8; i++) {
                agent.call("page.title", Map.of("session", "metered"));
            }
            agent.call("page.evaluate", Map.of("session", "metered", "function", "(s) => { window.secret = s; }", "arg", "hunter2-secret"));
            agent.call("session.delete", Map.of("id", "metered"));
        } finally {
            commands.removeHandler(capture);
        }

        String metrics = Hub.http().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(8.0, titleCount(metrics) - titlesBefore, "8 page.title commands counted by method and outcome");
        assertTrue(metrics.contains("browserhub_commands_seconds_bucket{method=\"page.title\",outcome=\"ok\",le="), "with a duration histogram");
        assertTrue(metrics.contains("browserhub_commands_seconds_sum{method=\"page.goto\",outcome=\"ok\"}"));
        assertTrue(metrics.contains("browserhub_sessions{state=\"running\"}"));
        assertTrue(metrics.contains("browserhub_screencast_frames_total{kind=\"dropped\"}"));
        assertTrue(metrics.contains("browserhub_websocket_connections"));
        assertTrue(metrics.contains("browserhub_sessions_crashed_total"));

        List<String> text = lines.stream().map(r -> String.valueOf(r.getMessage()) + " " + r.getParameters()).toList();
        assertTrue(lines.stream().anyMatch(r -> formatted(r).contains("page.title metered by metrics-agent: ok")), text.toString());
        assertFalse(lines.stream().anyMatch(r -> formatted(r).contains("hunter2")), "typed or evaluated values never reach the log");
    }

    private static double titleCount(String metrics) {
        Matcher m = Pattern.compile("browserhub_commands_seconds_count\\{method=\"page.title\",outcome=\"ok\"} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String formatted(LogRecord r) {
        Object[] p = r.getParameters();
        try {
            return p == null ? r.getMessage() : String.format(r.getMessage(), p);
        } catch (RuntimeException e) {
            return r.getMessage();
        }
    }
}
