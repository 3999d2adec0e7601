package io.browserhub.mcp;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/** One MCP tool: its name and argument schema as agents see them, and the adapter that runs it on the method table. */
record McpTool(String name, String title, String description, Map<String, Object> schema, Effect effect, Handler handler) {

    /** What a tool does, as MCP's tool hints say it (hosts may let read-only tools run without asking a person). */
    enum Effect {
        /** Looks at a page. */
        READS_PAGE(true, false, true),
        /** Changes a page: clicks, typing, navigation. */
        DRIVES_PAGE(false, true, true),
        /** Looks at the hub: its sessions. */
        READS_HUB(true, false, false),
        /** Opens or stops sessions, takes or gives up control. */
        MANAGES_HUB(false, false, false);

        final boolean readOnly;
        final boolean destructive;
        final boolean openWorld;

        Effect(boolean readOnly, boolean destructive, boolean openWorld) {
            this.readOnly = readOnly;
            this.destructive = destructive;
            this.openWorld = openWorld;
        }
    }

    /** Runs one call; failures (HubException above all) become tool results with isError. */
    @FunctionalInterface
    interface Handler {
        CompletionStage<Reply> run(ToolCall call) throws Exception;
    }
}
