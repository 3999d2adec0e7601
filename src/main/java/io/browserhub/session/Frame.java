package io.browserhub.session;

/** One screencast image as Chromium produced it; {@code capturedAtMs} is Chromium's capture time (epoch ms). */
public record Frame(String tab, byte[] image, String format, int width, int height, long capturedAtMs) {
}
