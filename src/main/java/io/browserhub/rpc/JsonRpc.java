package io.browserhub.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.client.Client;
import io.browserhub.command.Dispatcher;
import io.browserhub.config.HubConfig;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import static io.browserhub.error.Throwables.firstLine;
import static io.browserhub.error.Throwables.unwrap;
import io.browserhub.observability.LogText;
import io.browserhub.security.JsonLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * JSON-RPC 2.0 framing, to the letter of the specification: single requests, batches, notifications, and
 * the spec's error objects. The one place where exceptions become error responses.
 */
@ApplicationScoped
public class JsonRpc {

    private static final Logger LOG = Logger.getLogger(JsonRpc.class);

    private final ObjectMapper json;
    /**
     * Reads one message exactly: text after the JSON value is a parse error, and a number with a fraction or an
     * exponent is kept as written (BigDecimal), so that an id such as 1e999999999 is echoed as that number rather
     * than as the double it overflows to (Jackson would write Infinity, which is not JSON, as "Infinity").
     */
    private final ObjectReader reader;
    private final Dispatcher dispatcher;
    private final int maxBatch;
    /** The largest message {@link #readSmall} reads. */
    private static final int HAND_OVER_MAX_CHARS = 8192;

    public JsonRpc(ObjectMapper json, Dispatcher dispatcher, HubConfig config) {
        this.json = json;
        this.reader = json.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
        this.dispatcher = dispatcher;
        this.maxBatch = config.limits().batchSize();
    }

    /**
     * A message as a transport received it, read once: on the thread that received it when it is small
     * ({@link #readSmall}), else where it is handled ({@link #unread}). Read, it is its JSON tree or the error response
     * that reading it earned (a parse error, a limit).
     */
    public static final class Message {
        private final String unread;
        private final JsonNode root;
        private final String refusal;

        private Message(String unread, JsonNode root, String refusal) {
            this.unread = unread;
            this.root = root;
            this.refusal = refusal;
        }
    }

    /**
     * The message read now when it is small enough to read on an event loop (an agent's command with a selector or a
     * short script); a larger one is left {@link #unread}.
     */
    public Message readSmall(String text) {
        return text.length() > HAND_OVER_MAX_CHARS ? unread(text) : read(text);
    }

    /** The message left to be read where it is handled, since a large one takes a while. */
    public Message unread(String text) {
        return new Message(text, null, null);
    }

    private Message read(String text) {
        try {
            JsonNode root = reader.readTree(text);
            if (root == null || root.isMissingNode()) {
                return new Message(null, null, write(error(null, ErrorCode.PARSE_ERROR, "Parse error", Map.of("detail", "the message is empty"))));
            }
            return new Message(null, root, null);
        } catch (StreamConstraintsException e) {
            return new Message(null, null, write(error(null, JsonLimits.refusal(e), "a request")));
        } catch (JsonProcessingException e) {
            return new Message(null, null, write(error(null, ErrorCode.PARSE_ERROR, "Parse error", Map.of("detail", e.getOriginalMessage()))));
        }
    }

    /**
     * Whether handling this message only hands a single request to a running session's queue
     * ({@link Dispatcher#handsOver}): then a transport may handle it on the thread that received it. Anything else,
     * an unread message included, is handled from a thread that may wait.
     */
    public boolean handsOver(Message message) {
        JsonNode root = message.root;
        return root != null && root.isObject() && invalidReason(root) == null
                && dispatcher.handsOver(root.get("method").asText(), root.get("params"));
    }

    /**
     * Handles one message, reading it first if it is unread; completes with the response text, or null when the spec
     * says to send nothing.
     */
    public CompletionStage<String> handle(Message received, Client client) {
        Message message = received.unread != null ? read(received.unread) : received;
        if (message.refusal != null) {
            return CompletableFuture.completedFuture(message.refusal);
        }
        JsonNode root = message.root;
        if (!root.isArray()) {
            return handleOne(root, client);
        }
        if (root.isEmpty()) {
            return CompletableFuture.completedFuture(write(error(null, ErrorCode.INVALID_REQUEST, "Invalid Request",
                    Map.of("detail", "an empty batch"))));
        }
        if (root.size() > maxBatch) {
            return CompletableFuture.completedFuture(write(error(null, ErrorCode.LIMIT_REACHED, "The batch holds " + root.size()
                    + " requests; this hub takes at most " + maxBatch + " per batch (browserhub.limits.batch-size). Send several"
                    + " smaller batches.", Map.of("maxBatch", maxBatch))));
        }
        List<CompletableFuture<String>> parts = new ArrayList<>();
        for (JsonNode request : root) {
            parts.add(handleOne(request, client).toCompletableFuture());
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<String> responses = parts.stream().map(CompletableFuture::join).filter(r -> r != null).toList();
            return responses.isEmpty() ? null : "[" + String.join(",", responses) + "]";
        });
    }

    /** One request's response as text, or null for a notification; each is written on its own, so one bad result spoils nothing else. */
    private CompletionStage<String> handleOne(JsonNode request, Client client) {
        String invalid = invalidReason(request);
        if (invalid != null) {
            JsonNode id = request.isObject() && validId(request.get("id")) ? request.get("id") : null;
            return CompletableFuture.completedFuture(write(error(id, ErrorCode.INVALID_REQUEST, "Invalid Request", Map.of("detail", invalid))));
        }
        boolean notification = !request.has("id");
        JsonNode id = request.get("id");
        String method = request.get("method").asText();
        return dispatcher.dispatch(method, request.get("params"), client).handle((result, failure) -> {
            if (notification) {
                if (failure != null) {
                    LOG.debugf("Notification %s failed: %s", LogText.escape(method), LogText.escape(unwrap(failure).getMessage()));
                }
                return null;
            }
            if (failure == null) {
                return writeResult(id, result, method);
            }
            return write(error(id, unwrap(failure), method));
        });
    }

    /** The success response, or an error response when the result cannot be written (too deep, say): never no answer. */
    private String writeResult(JsonNode id, Object result, String method) {
        try {
            // written straight to text, not through a tree first: the response is on the path of every command
            return "{\"jsonrpc\":\"2.0\",\"result\":" + json.writeValueAsString(result == null ? Map.of() : result)
                    + ",\"id\":" + json.writeValueAsString(id) + "}";
        } catch (JsonProcessingException | RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException)) {
                cause = cause.getCause();
            }
            if (cause instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException limit) {
                return write(error(id, JsonLimits.refusal(limit), method));
            }
            LOG.errorf(LogText.safe(e), "Cannot write the result of %s", LogText.escape(method));
            return write(error(id, ErrorCode.INTERNAL_ERROR, "The result of " + method + " could not be written as JSON.", Map.of()));
        }
    }

    private static String invalidReason(JsonNode request) {
        if (!request.isObject()) {
            return "a request must be a JSON object";
        }
        JsonNode version = request.get("jsonrpc");
        if (version == null || !version.isTextual() || !"2.0".equals(version.asText())) {
            return "\"jsonrpc\" must be exactly \"2.0\"";
        }
        JsonNode method = request.get("method");
        if (method == null || !method.isTextual()) {
            return "\"method\" must be a string";
        }
        if (request.has("id") && !validId(request.get("id"))) {
            return "\"id\" must be a string, a number or null";
        }
        JsonNode params = request.get("params");
        if (params != null && !params.isObject() && !params.isArray()) {
            return "\"params\" must be an object or an array";
        }
        return null;
    }

    private static boolean validId(JsonNode id) {
        return id != null && (id.isTextual() || id.isNumber() || id.isNull());
    }


    private ObjectNode error(JsonNode id, Throwable failure, String method) {
        if (failure instanceof HubException hub) {
            return error(id, hub.code(), hub.getMessage(), hub.data());
        }
        LOG.errorf(LogText.safe(failure), "%s failed unexpectedly", LogText.escape(method));
        return error(id, ErrorCode.INTERNAL_ERROR, method + " failed unexpectedly (" + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + firstLine(failure.getMessage())) + "); the hub log has details.", Map.of());
    }

    private ObjectNode error(JsonNode id, ErrorCode code, String message, Map<String, ?> details) {
        ObjectNode error = json.createObjectNode();
        error.put("code", code.code());
        error.put("message", message);
        ObjectNode data = json.createObjectNode();
        data.put("kind", code.name());
        data.setAll((ObjectNode) json.valueToTree(details));
        error.set("data", data);
        ObjectNode response = json.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("error", error);
        response.set("id", id);
        return response;
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a JSON tree", e);
        }
    }
}
