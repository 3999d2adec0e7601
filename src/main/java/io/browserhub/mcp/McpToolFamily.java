package io.browserhub.mcp;

import java.util.List;

/** A group of related MCP tools; the door registers every family's tools with the MCP server. */
interface McpToolFamily {
    List<McpTool> tools();
}
