package io.browserhub.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The log lines the hub running in this JVM (a @QuarkusTest's) writes while the capture is open, as {@code line}
 * renders them; records it renders as null are left out. {@code try (LogCapture log = LogCapture.start(...)) {...}}.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Function<LogRecord, String> line;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture(Function<LogRecord, String> line) {
        this.line = line;
    }

    public static LogCapture start(Function<LogRecord, String> line) {
        LogCapture capture = new LogCapture(line);
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    /** The record's message with its parameters filled in. */
    public static String message(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    }

    /** What was captured so far; grows while the capture is open. */
    public List<String> lines() {
        return lines;
    }

    @Override
    public void publish(LogRecord record) {
        String rendered = line.apply(record);
        if (rendered != null) {
            lines.add(rendered);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
