package io.browserhub.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing directory trees without throwing, for clean-up paths. */
final class FileTrees {

    private FileTrees() {
    }

    static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: what remains is logged by the caller when it matters
                }
            });
        } catch (IOException ignored) {
            // nothing to delete
        }
    }
}
