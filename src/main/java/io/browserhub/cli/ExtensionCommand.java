package io.browserhub.cli;

import io.browserhub.relay.ExtensionPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code browserhub extension path|zip}: the browser extension this executable carries, unpacked (for "Load unpacked"
 * and --load-extension) or as its zip. Needs no running hub.
 */
@Command(sortOptions = false,
        description = {"The browser extension that shares your own browser's tabs with the hub.",
                "path: unpacks it into <data-dir>/extension/ and prints the folder",
                "  (chrome://extensions, Developer mode, Load unpacked).",
                "zip: writes browserhub-extension.zip and prints where.",
                "Then open the hub's /extension page in that browser."})
final class ExtensionCommand extends ClientCommand {

    enum Action { path, zip }

    @Parameters(index = "0", paramLabel = "path|zip", description = "What to print: the unpacked folder, or the zip file.")
    Action action;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "zip: where to write it (default: ./browserhub-extension.zip).")
    Path output;

    @Override
    void run() {
        ExtensionPackage extension = ExtensionPackage.bundled();
        Path written;
        try {
            if (action == Action.path) {
                written = extension.unpack(hub.dataDir().resolve("extension").resolve("browserhub-extension-" + extension.version()));
            } else {
                written = (output != null ? output : Path.of(ExtensionPackage.FILE_NAME)).toAbsolutePath().normalize();
                Files.write(written, extension.zip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the extension: " + e.getMessage(), e);
        }
        if (hub.json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put(action == Action.path ? "path" : "zip", written.toString());
            out.put("extensionId", extension.id());
            out.put("version", extension.version());
            out().println(Json.pretty(out));
        } else {
            out().println(written);
        }
    }
}
