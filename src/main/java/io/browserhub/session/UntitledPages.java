package io.browserhub.session;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Chromium names a page without a title after its URL, formatted for display ("localhost:8080/a b" for
 * http://localhost:8080/a%20b, the file name for file: URLs); Playwright, and so the hub's TabInfo, say "" instead.
 * This recognises those display forms.
 */
final class UntitledPages {

    private UntitledPages() {
    }

    static boolean isUrlAsTitle(String title, String url) {
        if (title.isEmpty() || url == null) {
            return title.isEmpty();
        }
        for (String candidate : displayForms(url)) {
            if (title.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    static List<String> displayForms(String url) {
        List<String> forms = new ArrayList<>();
        forms.add(url);
        forms.add(decode(url));
        String bare = url.replaceFirst("^https?://", "");
        if (!bare.equals(url)) {
            String root = bare.endsWith("/") && bare.indexOf('/') == bare.length() - 1 ? bare.substring(0, bare.length() - 1) : bare;
            forms.add(bare);
            forms.add(root);
            forms.add(decode(bare));
            forms.add(decode(root));
        }
        if (url.startsWith("file:")) {
            forms.add(decode(url.substring(url.lastIndexOf('/') + 1)));
        }
        return forms;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
