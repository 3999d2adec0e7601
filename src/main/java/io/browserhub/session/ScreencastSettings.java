package io.browserhub.session;

/** How Chromium encodes a screencast: one encoding per session, shared by every viewer. */
public record ScreencastSettings(String format, int quality, int maxWidth, int maxHeight) {
}
