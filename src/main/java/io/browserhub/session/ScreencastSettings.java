package io.browserhub.session;

import com.google.gson.JsonObject;

/** How Chromium encodes a screencast: one encoding per session, shared by every viewer. */
public record ScreencastSettings(String format, int quality, int maxWidth, int maxHeight) {

    /** What a viewer gets when it asks for nothing in particular. */
    public static final ScreencastSettings DEFAULT = new ScreencastSettings("jpeg", 60, 1280, 720);

    /** The parameters of CDP's {@code Page.startScreencast} for these settings: every frame, acked one by one. */
    public JsonObject startParams() {
        JsonObject params = new JsonObject();
        params.addProperty("format", format);
        params.addProperty("quality", quality);
        params.addProperty("maxWidth", maxWidth);
        params.addProperty("maxHeight", maxHeight);
        params.addProperty("everyNthFrame", 1);
        return params;
    }
}
