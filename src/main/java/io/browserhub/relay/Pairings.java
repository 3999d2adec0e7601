package io.browserhub.relay;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.config.HubConfig;
import io.browserhub.files.PrivateFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The browsers paired with this hub: one credential per session of a person's browser, of its own (never the hub's
 * token), revocable. Kept in {@code <data-dir>/extension/pairings.json}, owner-only, as SHA-256 digests: the file
 * does not hold the credentials themselves.
 */
@ApplicationScoped
public class Pairings {

    private static final Logger LOG = Logger.getLogger(Pairings.class);
    /** Seen this long after the last save, lastSeenAt is written again: not on every reconnect. */
    private static final Duration SEEN_PRECISION = Duration.ofMinutes(1);

    /** One paired browser: the session it is, and when it was paired and last connected. */
    public record Pairing(String session, Instant pairedAt, Instant lastSeenAt, String digest) {
    }

    /** A new pairing and its credential, which only this answer ever carries. */
    public record Issued(Pairing pairing, String credential) {
    }

    private final Path file;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();
    private List<Pairing> pairings;

    public Pairings(HubConfig config, ObjectMapper json) {
        this.file = Path.of(config.dataDir()).resolve("extension").resolve("pairings.json");
        this.json = json;
    }

    /** Pairs a browser as {@code session}; a browser paired as that session before is unpaired. */
    public synchronized Issued pair(String session) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String credential = "bhx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now();
        Pairing pairing = new Pairing(session, now, null, digest(credential));
        List<Pairing> next = new ArrayList<>(all());
        next.removeIf(p -> p.session().equals(session));
        next.add(pairing);
        save(next);
        return new Issued(pairing, credential);
    }

    /** The pairing this credential belongs to; its lastSeenAt is brought up to date. */
    public synchronized Optional<Pairing> verify(String credential) {
        if (credential == null || credential.isBlank()) {
            return Optional.empty();
        }
        String digest = digest(credential);
        for (Pairing p : all()) {
            // digests of equal length, compared in constant time
            if (MessageDigest.isEqual(p.digest().getBytes(StandardCharsets.US_ASCII), digest.getBytes(StandardCharsets.US_ASCII))) {
                Instant now = Instant.now();
                if (p.lastSeenAt() == null || p.lastSeenAt().plus(SEEN_PRECISION).isBefore(now)) {
                    Pairing seen = new Pairing(p.session(), p.pairedAt(), now, p.digest());
                    List<Pairing> next = new ArrayList<>(all());
                    next.replaceAll(q -> q == p ? seen : q);
                    save(next);
                    return Optional.of(seen);
                }
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public synchronized Optional<Pairing> of(String session) {
        return all().stream().filter(p -> p.session().equals(session)).findFirst();
    }

    /** Unpairs the browser of this session; false when none was paired. */
    public synchronized boolean revoke(String session) {
        List<Pairing> next = new ArrayList<>(all());
        boolean removed = next.removeIf(p -> p.session().equals(session));
        if (removed) {
            save(next);
        }
        return removed;
    }

    public synchronized List<Pairing> all() {
        if (pairings == null) {
            pairings = load();
        }
        return pairings;
    }

    private List<Pairing> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return List.copyOf(json.readValue(file.toFile(), new TypeReference<List<Pairing>>() { }));
        } catch (IOException e) {
            LOG.warnf("Cannot read %s (%s): no browser is paired until one pairs again", file, e.getMessage());
            return List.of();
        }
    }

    /** Through a temporary file and a rename, owner-only from the start. */
    private void save(List<Pairing> next) {
        try {
            Path tmp = file.resolveSibling(".pairings.json.tmp");
            PrivateFiles.write(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(next));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            pairings = List.copyOf(next);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save " + file + ": " + e.getMessage(), e);
        }
    }

    private static String digest(String credential) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
