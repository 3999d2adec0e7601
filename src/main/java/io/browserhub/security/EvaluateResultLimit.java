package io.browserhub.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.config.HubConfig;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Refuses page.evaluate results too big or too deep to answer with. The size is counted while serializing into
 * nothing, and counting stops at the limit, so measuring never holds the oversized JSON text.
 */
@ApplicationScoped
public class EvaluateResultLimit {

    /**
     * Playwright Java reads driver messages with Gson, whose nesting limit (255) kills the reading thread, and with it
     * the session's whole Playwright, for an evaluate result about 84 objects deep (three JSON levels per object).
     */
    static final int PROTOCOL_DEPTH = 64;

    private final ObjectMapper json;
    private final long maxBytes;
    private final int maxDepth;

    public EvaluateResultLimit(ObjectMapper json, HubConfig config) {
        this.maxBytes = config.limits().evaluateResultSize().asLongValue();
        this.maxDepth = config.limits().jsonDepth();
        this.json = json.copy();
        JsonFactory factory = this.json.getFactory();
        factory.setStreamWriteConstraints(factory.streamWriteConstraints().rebuild().maxNestingDepth(maxDepth).build());
    }

    /**
     * How deep a result may nest: the JSON depth limit, or less where the DevTools protocol gives up first (Playwright
     * encodes every level of a value in three levels of its own, and Chromium's protocol stops at about 300).
     */
    public int maxDepth() {
        return Math.min(maxDepth, PROTOCOL_DEPTH);
    }

    /** The value itself when it fits; LIMIT_REACHED otherwise. */
    public Object check(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean
                || (value instanceof String text && (long) text.length() * 6 + 2 <= maxBytes)) {
            // a scalar: no nesting, and at most 6 bytes of JSON per char (an escaped control char): nothing to count
            return value;
        }
        try (OutputStream sink = new CountingSink(maxBytes)) {
            json.writeValue(sink, value);
        } catch (IOException e) {
            // Jackson wraps what its serializers meet (in a JsonMappingException): look through the causes
            if (causedBy(e, TooLarge.class)) {
                throw new HubException(ErrorCode.LIMIT_REACHED, "The function's result is larger than " + maxBytes + " bytes of JSON"
                        + " (browserhub.limits.evaluate-result-size); return less, e.g. a slice or a summary.", Map.of("limitBytes", maxBytes));
            }
            if (causedBy(e, StreamConstraintsException.class)) {
                throw new HubException(ErrorCode.LIMIT_REACHED, "The function's result nests deeper than " + maxDepth + " levels"
                        + " (browserhub.limits.json-depth); return a flatter value.", Map.of("limitDepth", maxDepth));
            }
            // not a matter of size (a value JSON cannot express): the JSON-RPC layer reports it as before
        }
        return value;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("over the limit", null);
        }
    }

    private static final class CountingSink extends OutputStream {
        private final long limit;
        private long count;

        CountingSink(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            add(len);
        }

        private void add(long n) throws IOException {
            count += n;
            if (count > limit) {
                throw new TooLarge();
            }
        }
    }
}
