package io.browserhub.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.config.HubConfig;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Bounds JSON nesting for the hub's ObjectMapper (Quarkus leaves Jackson's defaults), so a deeply nested
 * message is refused while parsing instead of exhausting a stack further in.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    /** Writing may nest a little deeper than reading: responses wrap what was read in their own objects. */
    static final int ENVELOPE_LEVELS = 8;

    private final int depth;

    public JsonLimits(HubConfig config) {
        this.depth = config.limits().jsonDepth();
    }

    @Override
    public void customize(ObjectMapper mapper) {
        JsonFactory factory = mapper.getFactory();
        factory.setStreamReadConstraints(factory.streamReadConstraints().rebuild().maxNestingDepth(depth).build());
        factory.setStreamWriteConstraints(factory.streamWriteConstraints().rebuild().maxNestingDepth(depth + ENVELOPE_LEVELS).build());
    }

    /** The LIMIT_REACHED error for a message the parser refused. */
    public static HubException refusal(StreamConstraintsException e) {
        String detail = e.getOriginalMessage();
        String message = detail != null && detail.contains("nesting depth")
                ? "The message nests arrays or objects deeper than this hub accepts (browserhub.limits.json-depth); send flatter JSON."
                : "The message holds a JSON value larger than this hub accepts; send smaller values.";
        return new HubException(ErrorCode.LIMIT_REACHED, message, Map.of("detail", detail == null ? "" : detail));
    }
}
