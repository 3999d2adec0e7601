package io.browserhub.data.files;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * Retention of a session's files, per kind (browserhub.files.*): beyond either bound the oldest files go first. The
 * newest file of a kind always stays, so a large download is never deleted before anyone could fetch it. The
 * defaults live in application.properties and are printed in the README.
 */
@ConfigMapping(prefix = "browserhub.files")
public interface FilesConfig {

    /** How often every session's files are checked against the bounds (also after the hub writes one itself). */
    Duration retentionInterval();

    Bounds download();

    Bounds screenshot();

    Bounds trace();

    Bounds har();

    Bounds recording();

    interface Bounds {
        /** Files of the kind a session keeps. */
        int maxCount();

        /** Bytes the files of the kind may take, per session. */
        MemorySize maxBytes();
    }

    default Bounds of(FileKind kind) {
        return switch (kind) {
            case DOWNLOAD -> download();
            case SCREENSHOT -> screenshot();
            case TRACE -> trace();
            case HAR -> har();
            case RECORDING -> recording();
        };
    }
}
