package io.browserhub.browser;

import io.browserhub.backend.DevToolsEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The file a local Chromium writes into its user-data directory once it has bound {@code --remote-debugging-port=0}:
 * the port it picked on 127.0.0.1, then the path of its browser-level WebSocket.
 */
public final class DevToolsActivePort {

    static final String FILE = "DevToolsActivePort";
    private static final String HOST = "127.0.0.1";

    private DevToolsActivePort() {
    }

    /** The endpoint Chromium announced in {@code profile}, if it did and the file is well formed. */
    public static Optional<DevToolsEndpoint> read(Path profile) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(profile.resolve(FILE));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.size() < 2 || !lines.get(0).strip().matches("[0-9]{1,5}") || !lines.get(1).startsWith("/devtools/browser/")) {
            return Optional.empty();
        }
        int port = Integer.parseInt(lines.get(0).strip());
        return port > 0 && port < 65536 ? Optional.of(new DevToolsEndpoint(HOST, port, lines.get(1).strip())) : Optional.empty();
    }

    /**
     * Waits a little for the file: Chromium writes it from its own thread as the port is bound, which is nearly
     * always before Playwright's launch returns, but not guaranteed to be.
     */
    static Optional<DevToolsEndpoint> await(Path profile, long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (true) {
            Optional<DevToolsEndpoint> endpoint = read(profile);
            if (endpoint.isPresent() || System.nanoTime() > deadline) {
                return endpoint;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /**
     * A file left by an earlier run names a port that is gone (or someone else's by now): remove it before a launch.
     * False when it cannot be removed; then nothing read from it afterwards can be trusted, and the launch itself
     * is what explains why the profile cannot be written.
     */
    static boolean forget(Path profile) {
        try {
            Files.deleteIfExists(profile.resolve(FILE));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
