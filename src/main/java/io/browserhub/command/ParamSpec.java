package io.browserhub.command;

/** One declared parameter of a method: checked before the handler runs, and documented by rpc.discover. */
public record ParamSpec(String name, ParamType type, boolean required, String description) {

    /** The session a method addresses: every session-scoped method takes it under this name. */
    public static final ParamSpec SESSION = req("session", ParamType.STRING, "Session id.");

    public static ParamSpec req(String name, ParamType type, String description) {
        return new ParamSpec(name, type, true, description);
    }

    public static ParamSpec opt(String name, ParamType type, String description) {
        return new ParamSpec(name, type, false, description);
    }
}
