package io.browserhub.client;

import com.fasterxml.jackson.annotation.JsonValue;
import io.browserhub.error.HubException;
import java.util.Locale;

/** Who is on the other end of a connection: a program or a person. */
public enum ClientKind {
    AGENT,
    HUMAN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ClientKind parse(String value) {
        for (ClientKind kind : values()) {
            if (kind.wire().equals(value)) {
                return kind;
            }
        }
        throw HubException.invalidParams("kind must be \"agent\" or \"human\", not \"" + value + "\".");
    }
}
