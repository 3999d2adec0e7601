package io.browserhub.command;

/**
 * One declared parameter of a method: checked before the handler runs, and documented by rpc.discover.
 * {@code alias} is a second name the parameter is accepted under (null: none), for names that differ between
 * methods although they mean the same thing, e.g. session.get's {@code id}, which every page method calls {@code session}.
 */
public record ParamSpec(String name, ParamType type, boolean required, String description, String alias) {

    /** The session a method addresses: every session-scoped method takes it under this name. */
    public static final ParamSpec SESSION = req("session", ParamType.STRING, "Session id.");

    /** An existing session as session.* methods take it: "id", and since agents write "session" everywhere else, that too. */
    public static final ParamSpec SESSION_ID = req("id", ParamType.STRING, "Session id; may also be given as \"session\".").alsoAs("session");

    public ParamSpec(String name, ParamType type, boolean required, String description) {
        this(name, type, required, description, null);
    }

    public static ParamSpec req(String name, ParamType type, String description) {
        return new ParamSpec(name, type, true, description);
    }

    public static ParamSpec opt(String name, ParamType type, String description) {
        return new ParamSpec(name, type, false, description);
    }

    /** The same parameter, also accepted under another name (never both at once). */
    public ParamSpec alsoAs(String other) {
        return new ParamSpec(name, type, required, description, other);
    }
}
