package io.browserhub.health;

import io.browserhub.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * What `chromium --version` answered, remembered in the data directory with the executable's identity (its real path,
 * size and modification time): while the executable is the same file, a hub start needs no process to know the browser
 * works, which is a tenth of a second or more of every start (Debian's chromium is a script that starts the binary).
 * An upgraded browser is a different file, asked again.
 */
final class BrowserVersionCache {

    private final Path file;

    BrowserVersionCache(Path file) {
        this.file = file;
    }

    /** The version remembered for this very executable, or null. */
    String lookup(Path executable) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.size() == 2 && lines.get(0).equals(identity(executable)) ? lines.get(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    void remember(Path executable, String version) {
        try {
            PrivateFiles.write(file, (identity(executable) + "\n" + version.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the next start asks the browser again
        }
    }

    private static String identity(Path executable) throws IOException {
        Path real = executable.toRealPath();
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
        return real + " " + a.size() + " " + a.lastModifiedTime().toMillis();
    }
}
