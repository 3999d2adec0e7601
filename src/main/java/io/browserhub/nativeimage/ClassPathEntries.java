package io.browserhub.nativeimage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The names of the files on the image's class path (jars and folders), e.g. "com/microsoft/playwright/Page.class". */
final class ClassPathEntries {

    private final List<String> names = new ArrayList<>();

    ClassPathEntries(List<Path> classPath) {
        for (Path entry : classPath) {
            try {
                if (Files.isDirectory(entry)) {
                    try (Stream<Path> files = Files.walk(entry)) {
                        files.filter(Files::isRegularFile).forEach(f -> names.add(entry.relativize(f).toString().replace('\\', '/')));
                    }
                } else if (Files.isRegularFile(entry)) {
                    try (JarFile jar = new JarFile(entry.toFile())) {
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                            JarEntry j = e.nextElement();
                            if (!j.isDirectory()) {
                                names.add(j.getName());
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + entry, e);
            }
        }
    }

    /** Every file whose name starts with this prefix, e.g. "driver/package/". */
    List<String> under(String prefix) {
        return names.stream().filter(n -> n.startsWith(prefix)).distinct().sorted().toList();
    }

    /** The binary names of the classes in this package ("com/microsoft/playwright/"), nested ones included, subpackages not. */
    List<String> classesIn(String packagePath) {
        return under(packagePath).stream()
                .filter(n -> n.endsWith(".class") && n.indexOf('/', packagePath.length()) < 0)
                .filter(n -> !n.endsWith("module-info.class") && !n.endsWith("package-info.class"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                .toList();
    }

    /** Like {@link #classesIn}, subpackages included. */
    List<String> classesUnder(String packagePath) {
        return under(packagePath).stream()
                .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class") && !n.endsWith("package-info.class"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                .toList();
    }
}
