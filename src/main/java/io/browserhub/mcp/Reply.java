package io.browserhub.mcp;

import io.quarkiverse.mcp.server.Content;
import io.quarkiverse.mcp.server.ImageContent;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A tool's answer, laid out like Playwright MCP's: markdown sections ("### Result", "### Page", "### Snapshot",
 * "### Modal state", "### Error") in one text part, then any images.
 */
final class Reply {

    private final StringBuilder text = new StringBuilder();
    private final List<ImageContent> images = new ArrayList<>();
    private final boolean error;

    private Reply(boolean error) {
        this.error = error;
    }

    static Reply ok() {
        return new Reply(false);
    }

    /** A refused or failed call: the sentence the hub gives JSON-RPC clients too. */
    static Reply error(String message) {
        return new Reply(true).section("Error", message);
    }

    /** "### title" and its body. */
    Reply section(String title, String body) {
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append("### ").append(title).append('\n').append(body);
        return this;
    }

    Reply image(String base64, String mimeType) {
        images.add(new ImageContent(base64, mimeType));
        return this;
    }

    boolean isError() {
        return error;
    }

    String text() {
        return text.toString();
    }

    ToolResponse response() {
        List<Content> content = new ArrayList<>();
        content.add(new TextContent(text.toString()));
        content.addAll(images);
        return new ToolResponse(error, content);
    }
}
