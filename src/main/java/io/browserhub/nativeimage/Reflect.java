package io.browserhub.nativeimage;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.graalvm.nativeimage.hosted.Feature.FeatureAccess;
import org.graalvm.nativeimage.hosted.RuntimeReflection;

/** The few ways a class is registered for reflection here, named for who reads it. */
final class Reflect {

    private static final Set<String> OBJECT_METHODS = Set.of("toString", "equals", "hashCode");

    private Reflect() {
    }

    /** The class, when it loads in the builder: one that needs an absent optional dependency (JUnit, say) is skipped. */
    static Optional<Class<?>> load(FeatureAccess access, String name) {
        try {
            Class<?> c = access.findClassByName(name);
            if (c != null) {
                c.getDeclaredMethods(); // resolves the signatures: fails here, not in the middle of a registration
            }
            return Optional.ofNullable(c);
        } catch (LinkageError e) {
            return Optional.empty();
        }
    }

    /** Read and written field by field and made with its no-argument constructor (Gson, Playwright's option copying). */
    static void fieldByField(Class<?> c) {
        RuntimeReflection.register(c);
        RuntimeReflection.registerAllDeclaredFields(c);
        RuntimeReflection.register(c.getDeclaredFields());
        RuntimeReflection.registerAllDeclaredConstructors(c);
        RuntimeReflection.register(c.getDeclaredConstructors());
        if (c.isEnum()) {
            RuntimeReflection.register(c.getDeclaredMethods()); // values(), valueOf()
        }
    }

    /** A record or an enum written and read by Jackson: components, accessors, canonical constructor. */
    static void jacksonValue(Class<?> c) {
        lookedAt(c);
        if (c.isRecord()) {
            RuntimeReflection.registerAllRecordComponents(c);
        }
        RuntimeReflection.register(c.getDeclaredFields());
        RuntimeReflection.register(c.getDeclaredConstructors());
        RuntimeReflection.register(c.getDeclaredMethods());
    }

    /** Its members and their annotations can be listed (Jackson's mix-ins and introspection), not called. */
    static void lookedAt(Class<?> c) {
        RuntimeReflection.register(c);
        RuntimeReflection.registerAllDeclaredFields(c);
        RuntimeReflection.registerAllDeclaredMethods(c);
        RuntimeReflection.registerAllDeclaredConstructors(c);
    }

    /** A class with fields and no behaviour of its own: nothing but data, e.g. a Gson message. */
    static boolean onlyData(Class<?> c) {
        if (c.isInterface() || c.isEnum() || c.isAnonymousClass() || Throwable.class.isAssignableFrom(c)) {
            return false;
        }
        boolean hasFields = Arrays.stream(c.getDeclaredFields()).anyMatch(f -> !Modifier.isStatic(f.getModifiers()));
        boolean noBehaviour = Arrays.stream(c.getDeclaredMethods()).filter(m -> !m.isSynthetic())
                .map(Method::getName).allMatch(OBJECT_METHODS::contains);
        return hasFields && noBehaviour;
    }
}
