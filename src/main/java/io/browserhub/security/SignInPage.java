package io.browserhub.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The page a person's browser gets without a valid token: what happened and where the sign-in link comes from. */
@ApplicationScoped
class SignInPage {

    private static final String TEMPLATE = "/security/sign-in.html";

    private final String template;

    SignInPage() {
        try (InputStream in = SignInPage.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the class path");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String render(boolean tokenGiven, String whereToFindIt) {
        String reason = tokenGiven
                ? "The link or cookie you came with does not carry this hub's current access token."
                : "This browser has not signed in to the hub yet.";
        return template.replace("{{reason}}", escape(reason)).replace("{{where}}", escape(whereToFindIt));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
