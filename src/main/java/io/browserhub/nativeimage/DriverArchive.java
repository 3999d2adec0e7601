package io.browserhub.nativeimage;

import io.browserhub.browser.DriverPlatform;
import io.browserhub.browser.EmbeddedDriver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.graalvm.nativeimage.hosted.Feature.FeatureAccess;
import org.graalvm.nativeimage.hosted.RuntimeResourceAccess;

/**
 * Packs the Playwright driver of the building machine's platform into one compressed resource
 * ({@link EmbeddedDriver#RESOURCE}): Playwright's server ({@code driver/package/**} of the driver jar) and, unless
 * {@code -Dbrowserhub.driver.node=machine} was given to the build, this platform's Node.js from the driver-bundle jar.
 * The other platforms' Node.js builds (~460 MB) stay out: a native executable runs only where it was built.
 */
final class DriverArchive {

    /** Build property: "bundled" (default) packs Node.js, "machine" leaves it out (the executable then runs the machine's). */
    static final String NODE_PROPERTY = "browserhub.driver.node";
    private static final String PLAYWRIGHT_VERSION = "META-INF/maven/com.microsoft.playwright/playwright/pom.properties";

    private DriverArchive() {
    }

    /** Returns a line for the build log: what was packed, how large. */
    static String add(FeatureAccess access, ClassPathEntries entries) throws IOException {
        DriverPlatform platform = DriverPlatform.current();
        boolean withNode = !"machine".equals(System.getProperty(NODE_PROPERTY, "bundled"));
        long unpacked = 0;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 << 20);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            unpacked += pack(access, zip, entries.under("driver/package/"), "driver/");
            if (withNode) {
                String folder = "driver/" + platform.folder() + "/";
                List<String> files = entries.under(folder);
                if (files.stream().noneMatch(f -> f.endsWith("/" + platform.node()))) {
                    throw new IllegalStateException("No Node.js for " + platform.folder() + " in Playwright's driver-bundle jar");
                }
                unpacked += pack(access, zip, files, folder);
            }
        }
        RuntimeResourceAccess.addResource(EmbeddedDriver.class.getModule(), EmbeddedDriver.RESOURCE, bytes.toByteArray());
        // PlaywrightDriver names the driver folder after this version
        RuntimeResourceAccess.addResource(com.microsoft.playwright.Playwright.class.getModule(), PLAYWRIGHT_VERSION);
        return String.format("Playwright driver for %s%s: %.1f MB packed from %.1f MB", platform.folder(),
                withNode ? " with Node.js" : " without Node.js (the machine's is used)", bytes.size() / 1e6, unpacked / 1e6);
    }

    private static long pack(FeatureAccess access, ZipOutputStream zip, List<String> resources, String strip) throws IOException {
        long size = 0;
        for (String resource : resources) {
            try (InputStream in = access.getApplicationClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("Cannot read " + resource + " from the class path");
                }
                zip.putNextEntry(new ZipEntry(resource.substring(strip.length())));
                size += in.transferTo(zip);
                zip.closeEntry();
            }
        }
        return size;
    }
}
