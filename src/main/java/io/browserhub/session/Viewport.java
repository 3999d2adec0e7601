package io.browserhub.session;

import io.browserhub.error.HubException;

/** A page's viewport in CSS pixels. */
public record Viewport(int width, int height) {

    public Viewport {
        if (width < 16 || height < 16 || width > 7680 || height > 4320) {
            throw HubException.invalidParams("Viewport " + width + "x" + height + " is out of range: width and height must be 16..7680 and 16..4320.");
        }
    }
}
