package io.browserhub.files;

import io.browserhub.config.HubConfig;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which local files the hub may hand to a page, for an upload (page.setInputFiles) or as a file: URL. A prompt-
 * injected agent must not be talked into uploading the hub's token or another session's cookies, so only files
 * under the configured roots qualify: {@code <data-dir>/uploads} and {@code browserhub.files.allowed-roots}. The
 * rest of the data directory never does, whatever the roots say. Paths are compared after resolving symbolic
 * links, so a link inside a root cannot point out of it.
 */
@ApplicationScoped
public class FileRoots {

    private final Path dataDir;
    private final Path uploads;
    private final List<Path> configured;

    public FileRoots(HubConfig config) {
        this.dataDir = Path.of(config.dataDir()).toAbsolutePath().normalize();
        this.uploads = dataDir.resolve("uploads");
        this.configured = config.files().allowedRoots().orElse(List.of()).stream()
                .filter(r -> !r.isBlank())
                .map(r -> Path.of(r.strip()).toAbsolutePath().normalize())
                .toList();
    }

    /** The directory for files that agents put on the hub's machine to upload; created owner-only on first use. */
    public Path uploads() {
        try {
            return PrivateFiles.directories(uploads);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + uploads, e);
        }
    }

    /** Every root, as configured (for messages and docs). */
    public List<Path> roots() {
        List<Path> all = new ArrayList<>();
        all.add(uploads);
        all.addAll(configured);
        return all;
    }

    /** An existing regular file under a root, for an upload; INVALID_PARAMS naming the roots otherwise. */
    public Path uploadable(String path) {
        Path file = Path.of(path);
        if (!file.isAbsolute() || !Files.isRegularFile(file)) {
            throw HubException.invalidParams("\"" + path + "\" is not an existing file on the hub's machine (give an absolute path).");
        }
        if (!allowed(file)) {
            throw new HubException(ErrorCode.INVALID_PARAMS, "\"" + path + "\" is outside the directories whose files pages may get ("
                    + roots() + "). Put the file in " + uploads + ", send its content as files[].data, or add its directory to"
                    + " browserhub.files.allowed-roots.", Map.of("path", path, "roots", roots().stream().map(Path::toString).toList()));
        }
        return file;
    }

    /** Refuses a file: URL outside the roots with NAVIGATION_FAILED; other URLs pass. */
    public void checkFileUrl(String url) {
        Path file;
        try {
            file = Path.of(URI.create(url.replace(" ", "%20")));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new HubException(ErrorCode.NAVIGATION_FAILED, "\"" + url + "\" is not a file: URL the hub can check; write it as"
                    + " file:///absolute/path.", Map.of("url", url));
        }
        if (!allowed(file)) {
            throw new HubException(ErrorCode.NAVIGATION_FAILED, "file: URLs may only show files under " + roots() + ", and \""
                    + url + "\" is not one. Put the file in " + uploads + " or add its directory to browserhub.files.allowed-roots.",
                    Map.of("url", url));
        }
    }

    /** Whether the path, its links resolved, lies under a root and, inside the data directory, under uploads/. */
    boolean allowed(Path path) {
        Path real = real(path);
        if (real.startsWith(real(dataDir)) && !real.startsWith(real(uploads))) {
            return false;
        }
        for (Path root : roots()) {
            if (real.startsWith(real(root))) {
                return true;
            }
        }
        return false;
    }

    /** The path with every symbolic link of its existing part resolved; a missing tail is kept as written. */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }
}
