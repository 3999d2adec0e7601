package io.browserhub.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An MCP host's view of a server, through the official MCP Java SDK: the hub's /mcp over Streamable HTTP, or
 * Playwright MCP over stdio for the benchmark's comparison.
 */
public final class McpAgentClient implements AutoCloseable {

    private static final JacksonMcpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());

    private final McpSyncClient client;

    private McpAgentClient(McpClientTransport transport, String name) {
        this.client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation(name, "1.0"))
                .requestTimeout(Duration.ofSeconds(90))
                .initializationTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
    }

    /** The hub under test's /mcp, as the agent `name`, with ?session= when session is not null. */
    public static McpAgentClient toHub(String name, String session) {
        return toHub(Hub.base(), Hub.TOKEN, name, session);
    }

    public static McpAgentClient toHub(URI base, String token, String name, String session) {
        return toEndpoint(base, token, name, "/mcp" + (session == null ? "" : "?session=" + session));
    }

    /** The hub under test's /mcp?session=...&tab=own: the agent works in a tab of its own in the session. */
    public static McpAgentClient toHubInOwnTab(String name, String session) {
        return toEndpoint(Hub.base(), Hub.TOKEN, name, "/mcp?session=" + session + "&tab=own");
    }

    private static McpAgentClient toEndpoint(URI base, String token, String name, String endpoint) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base.toString())
                .endpoint(endpoint)
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .jsonMapper(JSON)
                .build();
        return new McpAgentClient(transport, name);
    }

    /** The hub under test's older HTTP+SSE transport (MCP 2024-11-05): GET /mcp/sse, then POSTs to the endpoint it names. */
    public static McpAgentClient toHubOverSse(String name, String session) {
        HttpClientSseClientTransport transport = HttpClientSseClientTransport.builder(Hub.base().toString())
                .sseEndpoint("/mcp/sse" + (session == null ? "" : "?session=" + session))
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + Hub.TOKEN))
                .jsonMapper(JSON)
                .build();
        return new McpAgentClient(transport, name);
    }

    /** An MCP server started as a child process speaking stdio (Playwright MCP). */
    public static McpAgentClient overStdio(String name, String command, List<String> args, Map<String, String> env) {
        ServerParameters parameters = ServerParameters.builder(command).args(args).env(env).build();
        return new McpAgentClient(new StdioClientTransport(parameters, JSON), name);
    }

    public List<McpSchema.Tool> tools() {
        return client.listTools().tools();
    }

    public McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(McpSchema.CallToolRequest.builder().name(tool).arguments(arguments).build());
    }

    /** The text of a call that must succeed. */
    public String text(String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = call(tool, arguments);
        String text = textOf(result);
        if (Boolean.TRUE.equals(result.isError())) {
            throw new AssertionError(tool + " " + arguments + " failed: " + text);
        }
        return text;
    }

    /** The text of a call that must fail (isError). */
    public String error(String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = call(tool, arguments);
        String text = textOf(result);
        if (!Boolean.TRUE.equals(result.isError())) {
            throw new AssertionError(tool + " " + arguments + " should have failed, but said: " + text);
        }
        return text;
    }

    public static String textOf(McpSchema.CallToolResult result) {
        StringBuilder text = new StringBuilder();
        for (McpSchema.Content content : result.content()) {
            if (content instanceof McpSchema.TextContent t) {
                text.append(t.text());
            }
        }
        return text.toString();
    }

    /** The ref of the first snapshot line that contains {@code line}, e.g. ref(snapshot, "button \"Send\"") -> "e25". */
    public static String ref(String snapshot, String line) {
        for (String l : snapshot.split("\n")) {
            if (l.contains(line)) {
                Matcher m = Pattern.compile("\\[ref=([a-z0-9]+)]").matcher(l);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new AssertionError("No line with a ref contains " + line + " in:\n" + snapshot);
    }

    /** Ends the MCP session (DELETE /mcp), as a host does when it shuts down cleanly. */
    @Override
    public void close() {
        client.closeGracefully();
    }
}
