package io.browserhub.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure a client can act on: thrown where the fact is known, turned into a protocol error in one
 * place at the edge. The message is a sentence for a person; details go into {@link #data()}.
 */
public class HubException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> data;

    public HubException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public HubException(ErrorCode code, String message, Map<String, ?> details) {
        this(code, message, details, null);
    }

    public HubException(ErrorCode code, String message, Map<String, ?> details, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
        this.data = new LinkedHashMap<>();
        this.data.put("kind", code.name());
        this.data.putAll(details);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> data() {
        return data;
    }

    public static HubException invalidParams(String message) {
        return new HubException(ErrorCode.INVALID_PARAMS, message);
    }
}
