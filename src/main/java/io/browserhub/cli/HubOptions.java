package io.browserhub.cli;

import io.browserhub.config.HubConfig;
import io.browserhub.security.TokenFile;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the hub is and how a client command signs in: --hub (and --url), --token and --data-dir (each with its
 * environment variable), and --json. Mixed into every client command.
 */
final class HubOptions {

    /** The hub's default address: quarkus.http.host and quarkus.http.port in application.properties. */
    static final String DEFAULT_URL = "http://127.0.0.1:9333";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Set by --hub here, and by --url on every client command but `open`, whose --url is the page (see {@link HubCommand}). */
    @Option(names = "--hub", paramLabel = "URL", order = 91,
            description = {"The hub (default: $BROWSERHUB_URL,", "else " + DEFAULT_URL + ")."})
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", order = 92,
            description = {"The hub's access token (default: $BROWSERHUB_TOKEN,", "else the file <data-dir>/token)."})
    String token;

    @Option(names = "--data-dir", paramLabel = "DIR", order = 93,
            description = {"The hub's data directory, where its token is", "(default: $BROWSERHUB_DATA_DIR, else ~/.browserhub)."})
    Path dataDir;

    @Option(names = "--json", order = 94, description = "Print JSON for scripts instead of text for people.")
    boolean json;

    /** The token to send, and where it came from (for the message when the hub refuses it). */
    record Credential(String token, String from) {
    }

    /** The hub's base URI, without a trailing slash; a usage error when it is not an http(s) URL. */
    URI baseUri() {
        String given = firstOf(url, System.getenv("BROWSERHUB_URL"), DEFAULT_URL).strip();
        String withScheme = given.contains("://") ? given : "http://" + given;
        try {
            URI uri = URI.create(withScheme.endsWith("/") ? withScheme.substring(0, withScheme.length() - 1) : withScheme);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(command.commandLine(),
                "The hub URL \"" + given + "\" is not an http:// or https:// URL such as " + DEFAULT_URL + ".");
    }

    Path dataDir() {
        if (dataDir != null) {
            return dataDir.toAbsolutePath().normalize();
        }
        String env = System.getenv("BROWSERHUB_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return Path.of(HubConfig.DEFAULT_DATA_DIR.replace("${user.home}", System.getProperty("user.home")));
    }

    Path tokenFile() {
        return dataDir().resolve("token");
    }

    /** --token, else $BROWSERHUB_TOKEN, else the token file; a null token when there is none (a hub without auth). */
    Credential credential() {
        if (token != null && !token.isBlank()) {
            return new Credential(token.strip(), "--token");
        }
        String env = System.getenv("BROWSERHUB_TOKEN");
        if (env != null && !env.isBlank()) {
            return new Credential(env.strip(), "$BROWSERHUB_TOKEN");
        }
        Path file = tokenFile();
        if (!Files.exists(file)) {
            return new Credential(null, "nowhere: no --token, no $BROWSERHUB_TOKEN and no file " + file);
        }
        try {
            return new Credential(TokenFile.read(file), "the file " + file);
        } catch (IOException e) {
            throw CliFailure.hubUnavailable("Cannot read the token file " + file + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            throw CliFailure.hubUnavailable(e.getMessage());
        }
    }

    HubClient client() {
        return new HubClient(this);
    }

    /** The link that opens the dashboard signed in (the hub trades ?token= for a cookie), at the session when given. */
    String dashboardUrl(Credential credential, String sessionId) {
        String link = baseUri() + "/" + (credential.token() == null ? "" : "?token=" + credential.token());
        return sessionId == null ? link : link + "#/s/" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8);
    }

    /** What to do when the hub refuses the token: where the token is kept, and how to hand it over. */
    String tokenAdvice() {
        return "A hub keeps its token in the file token of its data directory (" + tokenFile() + " here; `./mvnw quarkus:dev`"
                + " uses target/dev-data): pass that directory with --data-dir or $BROWSERHUB_DATA_DIR, or the token itself"
                + " with --token or $BROWSERHUB_TOKEN.";
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        throw new IllegalArgumentException("no value");
    }
}
