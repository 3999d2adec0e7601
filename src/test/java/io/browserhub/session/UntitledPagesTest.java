package io.browserhub.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Chromium's names for untitled pages, as Target.getTargets reported them with Chromium 156 (recorded in an
 * experiment): each is recognised as "no title", and a real title is not.
 */
class UntitledPagesTest {

    @Test
    void chromiumsDisplayFormsOfAnUntitledPageAreNoTitle() {
        assertTrue(UntitledPages.isUrlAsTitle("127.0.0.1:45671/a/b?q=1 x#h", "http://127.0.0.1:45671/a/b?q=1%20x#h"));
        assertTrue(UntitledPages.isUrlAsTitle("localhost:45671", "http://localhost:45671/"));
        assertTrue(UntitledPages.isUrlAsTitle("x y3192256728871473700.html", "file:///tmp/x%20y3192256728871473700.html"));
        assertTrue(UntitledPages.isUrlAsTitle("data:text/html,<p>a b</p>", "data:text/html,<p>a%20b</p>"));
        assertTrue(UntitledPages.isUrlAsTitle("about:blank", "about:blank"));
        assertTrue(UntitledPages.isUrlAsTitle("", "https://example.com/"));
    }

    @Test
    void aRealTitleStays() {
        assertFalse(UntitledPages.isUrlAsTitle("Sign up", "http://127.0.0.1:45671/form.html"));
        assertFalse(UntitledPages.isUrlAsTitle("localhost", "http://localhost:45671/"), "a title that only looks like part of the URL");
    }
}
