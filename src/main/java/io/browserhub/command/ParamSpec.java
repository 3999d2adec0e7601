package io.browserhub.command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One declared parameter of a method: checked before the handler runs, and documented by rpc.discover. An integer
 * parameter has a range, declared here once ({@link #range}); without one it must fit a 32-bit int, so no getter
 * ever wraps a value around. {@code alias} is a second name the parameter is accepted under (null: none), for names
 * that differ between methods although they mean the same thing, e.g. session.get's {@code id}, which every page method
 * calls {@code session}.
 */
public record ParamSpec(String name, ParamType type, boolean required, String description, Long min, Long max, String alias) {

    /** The session a method addresses: every session-scoped method takes it under this name. */
    public static final ParamSpec SESSION = req("session", ParamType.STRING, "Session id.");

    /** An existing session as session.* methods take it: "id", and since agents write "session" everywhere else, that too. */
    public static final ParamSpec SESSION_ID = req("id", ParamType.STRING, "Session id; may also be given as \"session\".").alsoAs("session");

    public ParamSpec {
        if ((min != null || max != null) && type != ParamType.INTEGER) {
            throw new IllegalArgumentException("Only integer parameters have a range: " + name);
        }
        if (type == ParamType.INTEGER) {
            min = min != null ? min : Integer.MIN_VALUE;
            max = max != null ? max : Integer.MAX_VALUE;
        }
    }

    public static ParamSpec req(String name, ParamType type, String description) {
        return new ParamSpec(name, type, true, description, null, null, null);
    }

    public static ParamSpec opt(String name, ParamType type, String description) {
        return new ParamSpec(name, type, false, description, null, null, null);
    }

    /** This integer parameter, accepted only from {@code min} to {@code max} (inclusive). */
    public ParamSpec range(long min, long max) {
        return new ParamSpec(name, type, required, description, min, max, alias);
    }

    /** The same parameter, also accepted under another name (never both at once). */
    public ParamSpec alsoAs(String other) {
        return new ParamSpec(name, type, required, description, min, max, other);
    }

    /** The JSON Schema of the parameter, with its range: what rpc.discover shows. */
    public Map<String, Object> schema() {
        Map<String, Object> schema = new LinkedHashMap<>(type.schema());
        if (type == ParamType.INTEGER) {
            schema.put("minimum", min);
            schema.put("maximum", max);
        }
        return schema;
    }

    /** Whether an integral value is in range; only for integer parameters. */
    boolean inRange(java.math.BigInteger value) {
        return value.compareTo(java.math.BigInteger.valueOf(min)) >= 0 && value.compareTo(java.math.BigInteger.valueOf(max)) <= 0;
    }
}
