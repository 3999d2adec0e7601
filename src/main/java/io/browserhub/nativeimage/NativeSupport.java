package io.browserhub.nativeimage;

import org.graalvm.nativeimage.hosted.Feature;

/**
 * The GraalVM Feature of the native build (named in META-INF/native-image/io.browserhub/browserhub/
 * native-image.properties): reflection for Playwright ({@link PlaywrightReflection}) and for the hub's own JSON types
 * ({@link HubReflection}), and the packed Playwright driver ({@link DriverArchive}). Prints what it did.
 */
public final class NativeSupport implements Feature {

    @Override
    public String getDescription() {
        return "browserhub: reflection for Playwright and the hub's JSON types, the packed Playwright driver";
    }

    @Override
    public void beforeAnalysis(BeforeAnalysisAccess access) {
        ClassPathEntries entries = new ClassPathEntries(access.getApplicationClassPath());
        try {
            int playwright = PlaywrightReflection.register(access, entries);
            int hub = HubReflection.register(access, entries);
            String driver = DriverArchive.add(access, entries);
            System.out.printf("browserhub: %d Playwright classes and %d hub records/enums registered for reflection; %s%n",
                    playwright, hub, driver);
        } catch (Exception e) {
            throw new IllegalStateException("browserhub's native support failed: " + e.getMessage(), e);
        }
    }
}
