package io.browserhub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.browser.LocalBackend;
import io.browserhub.support.McpAgentClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Playwright MCP (@playwright/mcp from npm), what agents in MCP hosts use today, as the MCP door's baseline: its
 * own Node process over stdio, launching the same Chromium with the same quiet switches, headless, in memory.
 * The package is installed once per version under target/, with npm (no browser download).
 */
final class PlaywrightMcp {

    static final String VERSION = "0.0.83";

    private PlaywrightMcp() {
    }

    /** Starts Playwright MCP and connects to it as an MCP host would. */
    static McpAgentClient start(Path chromium, Path work) throws IOException, InterruptedException {
        Path cli = install();
        Path config = work.resolve("playwright-mcp.json");
        new ObjectMapper().writeValue(config.toFile(), Map.of("browser", Map.of("launchOptions", Map.of("args", LocalBackend.QUIET_ARGS))));
        List<String> args = List.of(cli.toString(), "--executable-path", chromium.toString(), "--headless", "--no-sandbox",
                "--isolated", "--config", config.toString(), "--output-dir", work.resolve("playwright-mcp-output").toString());
        return McpAgentClient.overStdio("browserhub-bench", "node", args, Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
    }

    /** node_modules/@playwright/mcp/cli.js of the pinned version, installed on first use. */
    private static Path install() throws IOException, InterruptedException {
        Path prefix = Path.of("target", "playwright-mcp-" + VERSION).toAbsolutePath();
        Path cli = prefix.resolve("node_modules/@playwright/mcp/cli.js");
        if (Files.exists(cli)) {
            return cli;
        }
        Files.createDirectories(prefix);
        Path log = prefix.resolve("npm-install.log");
        ProcessBuilder npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix.toString(),
                "@playwright/mcp@" + VERSION).redirectErrorStream(true).redirectOutput(log.toFile());
        npm.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Process process = npm.start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0 || !Files.exists(cli)) {
            process.destroyForcibly();
            throw new IllegalStateException("npm install @playwright/mcp@" + VERSION + " failed: " + Files.readString(log));
        }
        return cli;
    }
}
