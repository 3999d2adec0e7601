package io.browserhub.security;

import io.browserhub.files.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The access token kept in {@code <data-dir>/token}: read when it exists, otherwise generated (32 random bytes,
 * URL-safe base64) into a file created owner-only ({@link PrivateFiles}: 0600, or the owner's ACL on Windows) before the
 * token is written into it.
 */
public final class TokenFile {

    /** Token files that fail this are refused: a person should be able to paste the token into a URL. */
    static final String VALID = "[A-Za-z0-9._~-]{16,512}";


    private TokenFile() {
    }

    /** The token in {@code file}; generated into it first when the file does not exist. */
    public static String readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        String token = generate();
        write(file, token);
        return token;
    }

    /** 32 random bytes as URL-safe base64 without padding: 43 characters that need no escaping in a URL. */
    public static String generate() {
        byte[] bytes = new byte[32];
        // a SecureRandom per token, never in a static field: a native image would otherwise seed it once, at build time
        // (Quarkus initialises classes at build time); made here only, so reading a token (the command line) needs none
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The token in an existing file; IllegalStateException (saying what to do) when it holds no usable token. */
    public static String read(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!token.matches(VALID)) {
            throw new IllegalStateException("The token file " + file + " does not hold a usable token (16 to 512 characters from"
                    + " A-Z a-z 0-9 . _ ~ -); delete it and restart the hub to generate a new one.");
        }
        return token;
    }

    /** Writes a temporary owner-only file next to the target, then renames it, so no reader ever sees half a token. */
    private static void write(Path file, String token) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve(file.getFileName() + ".new-" + Long.toUnsignedString(new SecureRandom().nextLong(), 36));
        try {
            try (FileChannel channel = PrivateFiles.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
                ByteBuffer bytes = ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
