package io.browserhub.cdp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the door needs to know of a DevTools message without decoding it: a request's method, read from its
 * top-level fields with a streaming parser that stops once it has it; and a response's id, read from its first
 * bytes. Messages pass on as the bytes that came in, never re-encoded; the few the door acts on are read whole.
 */
final class CdpMessage {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final byte[] RESPONSE_START = "{\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR_AFTER_ID = ",\"error\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ATTACHED = "{\"method\":\"Target.attachedToTarget\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DETACHED = "{\"method\":\"Target.detachedFromTarget\"".getBytes(StandardCharsets.US_ASCII);

    private CdpMessage() {
    }

    /**
     * A request's top-level {@code method}, or null when there is none (or the message is not a JSON object:
     * Chromium answers that as it would). Parsing stops at the method: Playwright sends {@code id} first, Puppeteer
     * {@code method} first, and both put {@code params}, the bulk, after it; a nested value before the method is
     * skipped over.
     */
    static String method(Buffer message) {
        try (JsonParser p = parser(message)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("method".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // not JSON, or cut short: Chromium will say so to the client
        }
        return null;
    }

    /** The whole message as a tree: only for the few methods whose parameters the door reads. */
    static ObjectNode parse(Buffer message, ObjectMapper json) {
        try (JsonParser p = parser(message)) {
            JsonNode node = json.readTree(p);
            return node instanceof ObjectNode object ? object : json.createObjectNode();
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    /**
     * The id of a response as Chromium writes it ({@code {"id":N,"result"...} or {"id":N,"error"...}}), or null
     * for an event ({@code {"method":...}}) or anything else.
     */
    /**
     * Whether an event from Chromium attaches or detaches a flattened target session (Chromium writes "method" first):
     * the door reads those whole, to know which page a client's session speaks to.
     */
    static boolean isAttachment(Buffer message) {
        return startsWith(message, ATTACHED) || startsWith(message, DETACHED);
    }

    private static boolean startsWith(Buffer message, byte[] prefix) {
        if (message.length() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (message.getByte(i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static Long responseId(Buffer message) {
        int n = message.length();
        if (n < RESPONSE_START.length + 1) {
            return null;
        }
        for (int i = 0; i < RESPONSE_START.length; i++) {
            if (message.getByte(i) != RESPONSE_START[i]) {
                return null;
            }
        }
        int i = RESPONSE_START.length;
        boolean negative = message.getByte(i) == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int digits = 0;
        for (; i < n && digits < 18; i++, digits++) {
            byte b = message.getByte(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
        }
        return digits == 0 ? null : negative ? -value : value;
    }

    /** Whether a response (as {@link #responseId} read it) is an error: the field after the id is "error". */
    static boolean isError(Buffer message) {
        int i = RESPONSE_START.length;
        while (i < message.length() && message.getByte(i) != ',') {
            i++;
        }
        if (i + ERROR_AFTER_ID.length > message.length()) {
            return false;
        }
        for (int k = 0; k < ERROR_AFTER_ID.length; k++) {
            if (message.getByte(i + k) != ERROR_AFTER_ID[k]) {
                return false;
            }
        }
        return true;
    }

    private static JsonParser parser(Buffer message) throws IOException {
        ByteBuf buf = message.getByteBuf();
        if (buf.hasArray()) {
            return FACTORY.createParser(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
        }
        return FACTORY.createParser(message.getBytes());
    }
}
