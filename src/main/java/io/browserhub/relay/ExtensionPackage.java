package io.browserhub.relay;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The browserhub extension as the executable carries it: a zip of extension/ (built by pom.xml), served by the hub
 * and unpacked or copied by {@code browserhub extension path|zip}. Its id is fixed by the public key in its manifest,
 * so the hub knows the one Origin its socket accepts, and the hub's pages know whom to message.
 */
public final class ExtensionPackage {

    /** The file name people download and the command line writes. */
    public static final String FILE_NAME = "browserhub-extension.zip";
    private static final String RESOURCE = "/io/browserhub/relay/" + FILE_NAME;

    private static volatile ExtensionPackage loaded;

    private final byte[] zip;
    private final String id;
    private final String version;

    private ExtensionPackage(byte[] zip) {
        this.zip = zip;
        Map<String, Object> manifest = manifest(zip);
        this.id = idOfKey(String.valueOf(manifest.get("key")));
        this.version = String.valueOf(manifest.get("version"));
    }

    /** The package inside this executable. */
    public static ExtensionPackage bundled() {
        ExtensionPackage p = loaded;
        if (p == null) {
            try (InputStream in = ExtensionPackage.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("This build carries no browser extension (" + RESOURCE + " is missing: build with ./mvnw package)");
                }
                p = new ExtensionPackage(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            loaded = p;
        }
        return p;
    }

    public byte[] zip() {
        return zip.clone();
    }

    /** The extension id Chrome gives it: 32 letters a-p. */
    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    /** Unpacks the extension into {@code dir} (what chrome://extensions "Load unpacked" and --load-extension take). */
    public Path unpack(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path root = dir.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("Unexpected entry in the extension package: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return root;
    }

    /**
     * Chrome's id of an extension whose manifest carries {@code key} (base64 of its public key): the first 128 bits of
     * the key's SHA-256, each hex digit written as a letter a-p.
     */
    static String idOfKey(String base64Key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64Key));
            StringBuilder id = new StringBuilder(32);
            for (int i = 0; i < 16; i++) {
                id.append((char) ('a' + ((digest[i] >> 4) & 0xf))).append((char) ('a' + (digest[i] & 0xf)));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> manifest(byte[] zip) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().equals("manifest.json")) {
                    return JSON.std.mapFrom(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("The extension package has no manifest.json");
    }
}
