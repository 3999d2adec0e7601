package io.browserhub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.browserhub.support.HubProcess;
import io.browserhub.support.McpAgentClient;
import io.browserhub.support.TestPages;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `browserhub mcp` as an MCP host starts it (the native executable when the build made one, else the jar): a child
 * process speaking MCP over stdio, driven by the official Java MCP
 * SDK's stdio client, forwarding to a running packaged hub; and, when no hub answers at the default address, starting
 * one itself.
 */
class McpStdioIT {

    @TempDir
    static Path tmp;

    private static HubProcess hub;

    @BeforeAll
    static void startHub() throws Exception {
        hub = HubProcess.start(tmp.resolve("hub-data"), Map.of());
    }

    @AfterAll
    static void stopHub() throws InterruptedException {
        if (hub != null) {
            hub.close();
        }
    }

    private static String base() {
        String uri = hub.baseUri().toString();
        return uri.substring(0, uri.length() - 1);
    }

    private static McpAgentClient overStdio(String name, List<String> args, Map<String, String> env) {
        List<String> command = Cli.packaged(List.of());
        command.add("mcp");
        command.addAll(args);
        return McpAgentClient.overStdio(name, command.get(0), command.subList(1, command.size()), env);
    }

    @Test
    void anMcpHostListsTheToolsAndDrivesALiveSessionThroughTheHub() throws Exception {
        hub.result("session.create", Map.of("id", "stdio-work"));
        hub.result("page.goto", Map.of("session", "stdio-work", "url", TestPages.url("form.html")));
        try (McpAgentClient agent = overStdio("stdio-host", List.of("--session", "stdio-work"),
                Map.of("BROWSERHUB_URL", base(), "BROWSERHUB_TOKEN", HubProcess.TOKEN))) {
            List<String> tools = agent.tools().stream().map(McpSchema.Tool::name).toList();
            assertTrue(tools.containsAll(List.of("browser_navigate", "browser_snapshot", "browser_click", "session_open")), tools.toString());

            String snapshot = agent.text("browser_snapshot", Map.of());
            assertTrue(snapshot.contains("Count clicks"), "the snapshot of the session the hub runs: " + snapshot);
            agent.text("browser_click", Map.of("element", "Count clicks", "ref", McpAgentClient.ref(snapshot, "button \"Count clicks\"")));
            assertEquals("1", hub.result("page.text", Map.of("session", "stdio-work", "selector", "#clicks")).get("text").asText(),
                    "the click went through the hub, to the same session");
        }
    }

    @Test
    void withNoHubAtTheDefaultAddressItStartsOneAndSaysSoOnStderr() throws Exception {
        Assumptions.assumeTrue(portFree(9333), "the default port 9333 is taken on this machine: nothing to start");
        Path data = tmp.resolve("started-data");
        try (McpAgentClient agent = overStdio("stdio-host", List.of("--session", "started", "--data-dir", data.toString()), Map.of())) {
            assertTrue(agent.tools().size() > 10);
            String page = agent.text("browser_navigate", Map.of("url", TestPages.url("static.html")));
            assertTrue(page.contains("static"), page);
            assertTrue(Files.exists(data.resolve("token")), "the hub it started uses the data directory it was given");
            assertTrue(Files.readString(data.resolve("hub.log")).contains("browserhub is ready"), "the started hub logs to <data-dir>/hub.log");
        } finally {
            for (ProcessHandle p : HubProcess.processesUsing(data)) {
                p.destroy();
            }
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(data.toString()) && c.contains("serve")).orElse(false))
                    .forEach(ProcessHandle::destroy);
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
