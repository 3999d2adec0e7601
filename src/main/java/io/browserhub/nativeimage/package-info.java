/**
 * What a native executable needs that analysis cannot see: reflection for Gson, Jackson and Playwright's internals,
 * and the Playwright driver packed inside. Runs only inside the native-image builder (a GraalVM Feature named in
 * META-INF/native-image/io.browserhub/browserhub/native-image.properties); JVM builds never load it.
 */
package io.browserhub.nativeimage;
