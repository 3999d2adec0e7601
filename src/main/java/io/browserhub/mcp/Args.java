package io.browserhub.mcp;

/** The arguments many tools share, named and described as Playwright MCP's are, plus the hub's session. */
final class Args {

    static final String ELEMENT = "Human-readable element description used to obtain permission to interact with the element";
    static final String REF = "Exact target element reference from the page snapshot, e.g. \"e5\"";
    static final String TARGET = "Exact target element reference from the page snapshot, or a unique element selector"
            + " (Playwright MCP's newer name for ref; give one of the two)";

    private Args() {
    }

    /** element, ref and target: one element of the page. */
    static ToolSchema element(ToolSchema schema) {
        return schema.string("element", ELEMENT).string("ref", REF).string("target", TARGET);
    }

    /** The optional session argument every browser tool ends with. */
    static ToolSchema session(ToolSchema schema) {
        return schema.string("session", "The browserhub session to act on (default: this connection's, from ?session= on the"
                + " endpoint URL, else \"default\")");
    }
}
