package io.browserhub.observability;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Takes the access token out of every log line before it is written, whoever logs it: Quarkus' own error handler
 * logs "HTTP Request to /rpc?token=... failed" for a request it could not serve, and a client may put the token in
 * any URL it sends. Installed on the console (and file) handler by application.properties.
 */
@LoggingFilter(name = TokenRedaction.NAME)
public final class TokenRedaction implements Filter {

    public static final String NAME = "browserhub-token-redaction";

    /** token=... in a query string, until the next separator; Bearer ... in a header someone logged. */
    private static final Pattern TOKEN = Pattern.compile("((?:[?&;]|%3[Ff]|\\b)token=)[^&#\\s\"']+|(Bearer )[A-Za-z0-9._~+/=-]+");

    /** The one line that shows the token on purpose: the sign-in link printed at start. */
    private static final String BANNER = "io.browserhub.security.StartBanner";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (BANNER.equals(record.getLoggerName())) {
            return true;
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        boolean secret = message != null && (message.contains("token=") || message.contains("Bearer "));
        if (record instanceof ExtLogRecord ext && (secret || hasParameters(ext))) {
            // the handler would format the message again: hand it the text formatted here
            ext.setMessage(secret ? redact(message) : message, ExtLogRecord.FormatStyle.NO_FORMAT);
            ext.setParameters(null);
        } else if (secret) {
            record.setMessage(redact(message));
            record.setParameters(null);
        }
        return true;
    }

    private static boolean hasParameters(LogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters != null && parameters.length > 0;
    }

    static String redact(String text) {
        return TOKEN.matcher(text).replaceAll(m -> m.group(1) != null ? m.group(1) + "<redacted>" : m.group(2) + "<redacted>");
    }
}
