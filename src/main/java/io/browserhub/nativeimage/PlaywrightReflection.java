package io.browserhub.nativeimage;

import io.browserhub.browser.PlaywrightPipe;
import org.graalvm.nativeimage.hosted.Feature.FeatureAccess;
import org.graalvm.nativeimage.hosted.RuntimeReflection;

/**
 * What Playwright Java reaches by reflection, found in its jar rather than listed: Gson writes every option object
 * field by field ({@code Page.ClickOptions}, {@code BrowserType.LaunchPersistentContextOptions}, ...: the nested
 * classes of the API package) and the {@code options} package's types, Playwright copies options between those
 * classes field by field ({@code Utils.convertType}), and Gson reads the driver's messages into impl's data classes
 * ({@code SerializedValue} and its nested kinds, {@code SerializedError}, {@code Message}, ...). Unregistered, Gson
 * sees no fields: options go out empty (a browser that cannot start) and errors cannot be read.
 */
final class PlaywrightReflection {

    private static final String API = "com/microsoft/playwright/";

    private PlaywrightReflection() {
    }

    /** Returns how many classes were registered. */
    static int register(FeatureAccess access, ClassPathEntries entries) throws ReflectiveOperationException {
        int count = 0;
        for (String name : entries.classesIn(API)) {
            if (name.contains("$")) {
                count += fieldByField(access, name);
            }
        }
        for (String name : entries.classesUnder(API + "options/")) {
            count += fieldByField(access, name);
        }
        for (String name : entries.classesIn(API + "impl/")) {
            var c = Reflect.load(access, name);
            if (c.isPresent() && Reflect.onlyData(c.get())) {
                Reflect.fieldByField(c.get());
                count++;
            }
        }
        // the hub's hold on the driver pipe (instant wake-up, writes from the calling thread): without these the native
        // hub would notice commands 10 ms late and pay Playwright's writer thread on every call
        for (var field : PlaywrightPipe.fields()) {
            RuntimeReflection.register(field.getDeclaringClass());
            String name = field.getDeclaringClass().getName() + "." + field.getName();
            RuntimeReflection.register(PlaywrightPipe.REPLACED.equals(name), false, field);
        }
        return count;
    }

    private static int fieldByField(FeatureAccess access, String name) {
        var c = Reflect.load(access, name);
        c.ifPresent(Reflect::fieldByField);
        return c.isPresent() ? 1 : 0;
    }
}
