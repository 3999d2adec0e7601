package io.browserhub.security;

import io.browserhub.config.HubConfig;
import io.browserhub.files.PrivateFiles;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The hub's one secret: configured ({@code browserhub.auth.token}) or kept in {@code <data-dir>/token}.
 * Loaded at start, after the data directory is locked, so two hubs never race to create it.
 */
@ApplicationScoped
public class AccessToken {

    private static final Logger LOG = Logger.getLogger(AccessToken.class);

    private final HubConfig config;
    private final Path file;
    private final StartBanner banner;
    private volatile String token;
    private volatile byte[] digest;

    public AccessToken(HubConfig config, StartBanner banner) {
        this.config = config;
        this.file = Path.of(config.dataDir()).toAbsolutePath().normalize().resolve("token");
        this.banner = banner;
    }

    // after SessionRegistry (priority 10) holds the data directory lock
    void load(@Observes @Priority(20) StartupEvent event) {
        if (!required()) {
            banner.tokenKnown(null);
            return;
        }
        Optional<String> configured = config.auth().token().map(String::strip).filter(t -> !t.isEmpty());
        if (configured.isPresent() && !configured.get().matches(TokenFile.VALID)) {
            throw new IllegalStateException("browserhub.auth.token must be 16 to 512 characters from A-Z a-z 0-9 . _ ~ -;"
                    + " remove it to let the hub generate a strong token into " + file + ".");
        }
        try {
            String value = configured.isPresent() ? configured.get() : TokenFile.readOrCreate(file);
            if (configured.isEmpty() && PrivateFiles.openToOthers(file)) {
                LOG.warnf("The token file %s can be read by other users of this machine, who could then drive your browsers;"
                        + " run: chmod 600 %s", file, file);
            }
            digest = sha256(value);
            token = value;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the access token file " + file + ": " + e.getMessage(), e);
        }
        banner.tokenKnown(token);
    }

    /** Whether requests need the token: false only with browserhub.auth.enabled=false, which StartupChecks allows on loopback only. */
    public boolean required() {
        return config.auth().enabled();
    }

    /** False until the token is loaded at start; requests that need it are answered 503 until then. */
    public boolean ready() {
        return digest != null;
    }

    /** Compares in constant time (of the token's digest), so the answer time says nothing about the token. */
    public boolean matches(String presented) {
        byte[] expected = digest;
        if (presented == null || presented.isEmpty() || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(presented));
    }

    /** Where a person finds the token, for the sign-in page. */
    public String whereToFindIt() {
        return config.auth().token().filter(t -> !t.isBlank()).isPresent()
                ? "the value of browserhub.auth.token in the hub's configuration"
                : "the file " + file;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
