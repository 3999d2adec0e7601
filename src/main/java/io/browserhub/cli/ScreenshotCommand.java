package io.browserhub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code browserhub screenshot ID [-o FILE]}: page.screenshot, saved to a file (or written to standard output). */
@Command(sortOptions = false,
        description = {"Saves a screenshot of a session's tab.",
                "PNG, or JPEG for a .jpg/.jpeg file."})
final class ScreenshotCommand extends HubCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Session id.")
    String id;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to save it (default: ID-<date>-<time>.png here); - writes the image to standard output.")
    String output;

    @Option(names = "--full-page", description = "The whole scrollable page, not just the viewport.")
    boolean fullPage;

    @Option(names = "--tab", paramLabel = "TAB", description = "A tab id such as t2 (default: the active tab).")
    String tab;

    @Override
    void run() {
        boolean jpeg = output != null && output.toLowerCase(Locale.ROOT).matches(".*\\.jpe?g");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("session", id);
        params.put("format", jpeg ? "jpeg" : "png");
        if (fullPage) {
            params.put("fullPage", true);
        }
        if (tab != null) {
            params.put("tab", tab);
        }
        Object shot = hub.client().call("page.screenshot", params);
        byte[] image = Base64.getDecoder().decode(Json.text(shot, "data", ""));
        if ("-".equals(output)) {
            System.out.write(image, 0, image.length);
            System.out.flush();
            return;
        }
        Path file = Path.of(output != null ? output : id + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".png").toAbsolutePath();
        try {
            Files.write(file, image);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        if (hub.json) {
            Map<String, Object> saved = new LinkedHashMap<>();
            saved.put("file", file.toString());
            saved.put("bytes", image.length);
            saved.put("mimeType", Json.text(shot, "mimeType", null));
            saved.put("width", Json.number(shot, "width", 0));
            saved.put("height", Json.number(shot, "height", 0));
            saved.put("hubPath", Json.text(shot, "path", null));
            out().println(Json.pretty(saved));
        } else {
            out().println("Saved " + file + " (" + Json.number(shot, "width", 0) + "x" + Json.number(shot, "height", 0) + ", "
                    + image.length / 1024 + " KiB)");
        }
    }
}
