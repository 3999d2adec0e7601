package io.browserhub.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.error.HubException;
import java.util.ArrayList;
import java.util.List;

/**
 * A call's named parameters, already checked against the method's declaration: required ones are present
 * and every given one has its declared type, so the getters only convert.
 */
public final class Params {

    private final ObjectNode node;
    private final ObjectMapper json;
    private final long defaultTimeoutMs;

    public Params(ObjectNode node, ObjectMapper json, long defaultTimeoutMs) {
        this.node = node;
        this.json = json;
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    public String string(String name) {
        if (!has(name)) {
            throw HubException.invalidParams("Missing parameter \"" + name + "\".");
        }
        return node.get(name).asText();
    }

    public String string(String name, String fallback) {
        return has(name) ? node.get(name).asText() : fallback;
    }

    /** An integer parameter; its declared range (ParamSpec) was checked, so it fits an int unless declared wider. */
    public int integer(String name, int fallback) {
        return has(name) ? ParamType.integral(node.get(name)).intValueExact() : fallback;
    }

    public Integer integerOrNull(String name) {
        return has(name) ? integer(name, 0) : null;
    }

    public int integer(String name) {
        if (!has(name)) {
            throw HubException.invalidParams("Missing parameter \"" + name + "\".");
        }
        return integer(name, 0);
    }

    /** An integer parameter declared with a range wider than an int (a seq, say). */
    public long longInteger(String name, long fallback) {
        return has(name) ? ParamType.integral(node.get(name)).longValueExact() : fallback;
    }

    public double number(String name, double fallback) {
        return has(name) ? node.get(name).asDouble() : fallback;
    }

    public boolean bool(String name, boolean fallback) {
        return has(name) ? node.get(name).asBoolean() : fallback;
    }

    public Boolean boolOrNull(String name) {
        return has(name) ? node.get(name).asBoolean() : null;
    }

    public List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        if (has(name)) {
            node.get(name).forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    /** The parameter as plain Java values (Map, List, String, Number, Boolean, null), e.g. for page.evaluate. */
    public Object plain(String name) {
        return has(name) ? JsonArguments.plain(node.get(name)) : null;
    }

    public JsonNode node(String name) {
        return node.get(name);
    }

    /** The session a method addresses: the {@link ParamSpec#SESSION} parameter. */
    public String session() {
        return string(ParamSpec.SESSION.name());
    }

    /** These parameters with {@code tab} set: where a command without one goes (the caller's leased tab). */
    public Params withTab(String tab) {
        ObjectNode copy = node.deepCopy();
        copy.put("tab", tab);
        return new Params(copy, json, defaultTimeoutMs);
    }

    /** The tab a page method addresses; null means the session's active tab. */
    public String tab() {
        return string("tab", null);
    }

    /** timeoutMs when given, else the hub's default for waiting methods. */
    public double timeoutMs() {
        if (!has("timeoutMs")) {
            return defaultTimeoutMs;
        }
        // the range was checked against the declaration (MethodTable.Builder.TIMEOUT)
        return longInteger("timeoutMs", defaultTimeoutMs);
    }

    /** A string parameter that must be one of the given values. */
    public String choice(String name, String fallback, List<String> allowed) {
        String value = string(name, fallback);
        if (value != null && !allowed.contains(value)) {
            throw HubException.invalidParams("\"" + name + "\" must be one of " + allowed + ", not \"" + value + "\".");
        }
        return value;
    }
}
