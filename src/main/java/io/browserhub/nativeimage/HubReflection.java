package io.browserhub.nativeimage;

import org.graalvm.nativeimage.hosted.Feature.FeatureAccess;

/**
 * The hub's own types as Jackson sees them outside REST signatures (JSON-RPC results, events, session.json): every
 * record and enum is written and read through its accessors and canonical constructor, and every class may be looked
 * at (WireJson's mix-ins carry annotations for other types). Found by walking the hub's classes, so a new result
 * record needs no list to be kept.
 */
final class HubReflection {

    private static final String HUB = "io/browserhub/";

    private HubReflection() {
    }

    /** Returns how many records and enums were registered. */
    static int register(FeatureAccess access, ClassPathEntries entries) {
        int values = 0;
        for (String name : entries.classesUnder(HUB)) {
            // this package runs only in the builder; names with '_' are Quarkus' generated beans and proxies
            if (name.startsWith("io.browserhub.nativeimage.") || name.substring(name.lastIndexOf('.')).contains("_")) {
                continue;
            }
            var c = Reflect.load(access, name);
            if (c.isEmpty()) {
                continue;
            }
            if (c.get().isRecord() || c.get().isEnum()) {
                Reflect.jacksonValue(c.get());
                values++;
            } else {
                Reflect.lookedAt(c.get());
            }
        }
        return values;
    }
}
