package io.browserhub.session;

import io.browserhub.error.HubException;

/** A page's viewport in CSS pixels. */
public record Viewport(int width, int height) {

    public static final int MIN = 16;
    public static final int MAX_WIDTH = 7680;
    public static final int MAX_HEIGHT = 4320;

    public Viewport {
        if (width < MIN || height < MIN || width > MAX_WIDTH || height > MAX_HEIGHT) {
            throw HubException.invalidParams("Viewport " + width + "x" + height + " is out of range: width and height must be "
                    + MIN + ".." + MAX_WIDTH + " and " + MIN + ".." + MAX_HEIGHT + ".");
        }
    }
}
