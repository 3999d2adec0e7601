package io.browserhub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Playwright's own remote server (`cli.js run-server`, the driver's Node process), what people use today to
 * keep a browser outside their script. Clients connect with BrowserType.connect; the server launches one
 * browser per connection with the options in the x-playwright-launch-options header (executablePath and args
 * need --unsafe, which is fine on loopback).
 */
final class RunServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path chromium;
    final long startMillisToListening;

    private RunServer(Process process, int port, Path chromium, long startMillisToListening) {
        this.process = process;
        this.port = port;
        this.chromium = chromium;
        this.startMillisToListening = startMillisToListening;
    }

    static RunServer start(Path driverDir, Path chromium) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("run-server-", ".log");
        log.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(List.of(driverDir.resolve("node").toString(),
                driverDir.resolve("package/cli.js").toString(), "run-server", "--port", String.valueOf(port), "--host", "127.0.0.1", "--unsafe"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        long t0 = System.nanoTime();
        Process process = builder.start();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("run-server did not listen: " + Files.readString(log));
                }
                Thread.sleep(5);
            }
        }
        return new RunServer(process, port, chromium, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** A browser launched by the server for this connection. */
    Browser connect(Playwright playwright) throws IOException {
        String launchOptions = new ObjectMapper().writeValueAsString(Map.of(
                "headless", true, "executablePath", chromium.toString(), "args", DirectBrowser.ARGS));
        return playwright.chromium().connect("ws://127.0.0.1:" + port + "/",
                new BrowserType.ConnectOptions().setHeaders(Map.of("x-playwright-launch-options", launchOptions)));
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
