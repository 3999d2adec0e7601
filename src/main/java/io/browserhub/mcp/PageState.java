package io.browserhub.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A page as an agent reads it after each action, in Playwright MCP's layout: "### Page" with its URL and title,
 * then "### Snapshot" with the ARIA snapshot whose refs the next call takes. Nothing else: every character here
 * is paid for in the agent's context.
 */
final class PageState {

    private PageState() {
    }

    /** Appends the result of page.snapshot {snapshot, url, title, truncated, totalChars}. */
    static Reply append(Reply reply, JsonNode snapshot) {
        StringBuilder page = new StringBuilder("- Page URL: ").append(snapshot.path("url").asText());
        String title = snapshot.path("title").asText();
        if (!title.isEmpty()) {
            page.append("\n- Page Title: ").append(title);
        }
        reply.section("Page", page.toString());
        StringBuilder yaml = new StringBuilder("```yaml\n").append(snapshot.path("snapshot").asText()).append("\n```");
        if (snapshot.path("truncated").asBoolean(false)) {
            yaml.append("\n- Cut to ").append(snapshot.path("snapshot").asText().length()).append(" of ")
                    .append(snapshot.path("totalChars").asLong()).append(" characters: browser_snapshot with a ref or"
                            + " selector (one part) or depth (fewer levels) shows the rest.");
        }
        return reply.section("Snapshot", yaml.toString());
    }
}
