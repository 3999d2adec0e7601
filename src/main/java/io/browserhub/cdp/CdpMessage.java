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
 * What the door needs to know of a DevTools message without decoding it: a request's id, method and flat
 * session id, read from its top-level fields with a streaming parser that stops once it has them; and a
 * response's id, read from its first bytes. Messages pass on as the bytes that came in, never re-encoded.
 */
record CdpMessage(Long id, String method, String sessionId) {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final byte[] RESPONSE_START = "{\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR_AFTER_ID = ",\"error\"".getBytes(StandardCharsets.US_ASCII);

    /**
     * The request's top-level id, method and sessionId, as far as they come before the first nested value once
     * the method is known: {@code params} follows the method in what Playwright, Puppeteer and DevTools send,
     * and the rest would only cost time. Messages the door acts on are read whole by {@link #parse}. A message
     * that is not a JSON object gives all nulls and goes to Chromium, which answers it as it would.
     */
    static CdpMessage peek(Buffer message) {
        Long id = null;
        String method = null;
        String sessionId = null;
        try (JsonParser p = parser(message)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new CdpMessage(null, null, null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    if (method != null) {
                        break;
                    }
                    p.skipChildren();
                } else if ("id".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                    id = p.getLongValue();
                } else if ("method".equals(name) && value == JsonToken.VALUE_STRING) {
                    method = p.getText();
                } else if ("sessionId".equals(name) && value == JsonToken.VALUE_STRING) {
                    sessionId = p.getText();
                }
            }
        } catch (IOException e) {
            // not JSON, or cut short: Chromium will say so to the client
        }
        return new CdpMessage(id, method, sessionId);
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
