package io.browserhub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import io.browserhub.support.TestPages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command line (the native executable when the build made one) against a running packaged hub, as a person or a script uses it: every
 * command's happy path, and the exit codes (1 a failed call, 2 usage, 3 no hub or a refused token).
 */
class CliIT {

    @TempDir
    static Path tmp;

    private static HubProcess hub;
    private static Cli cli;

    @BeforeAll
    static void startHub() throws Exception {
        hub = HubProcess.start(tmp.resolve("hub-data"), Map.of());
        cli = client();
    }

    @AfterAll
    static void stopHub() throws InterruptedException {
        if (hub != null) {
            hub.close();
        }
    }

    /** A client that finds the hub through the environment, as after `export BROWSERHUB_URL=... BROWSERHUB_TOKEN=...`. */
    private static Cli client() {
        return Cli.withEnv(Map.of("BROWSERHUB_URL", base(), "BROWSERHUB_TOKEN", HubProcess.TOKEN));
    }

    private static String base() {
        String uri = hub.baseUri().toString();
        return uri.substring(0, uri.length() - 1);
    }

    @Test
    void openEnsuresTheSessionGoesToThePageAndPrintsItsDashboardLink() throws Exception {
        Cli.Run open = ok(cli.run("open", "cli-open", "--url", TestPages.url("static.html")));
        assertTrue(open.out().contains("Session cli-open is running (headless)."), open.toString());
        assertTrue(open.out().contains("static"), "the page's title: " + open);
        assertTrue(open.out().contains("Dashboard: " + base() + "/?token=" + HubProcess.TOKEN + "#/s/cli-open"), open.toString());
        assertEquals("static", hub.result("page.title", Map.of("session", "cli-open")).get("title").asText());

        // again: the running session is reused, and --json says the same for scripts
        JsonNode json = json(ok(cli.run("open", "cli-open", "--json")));
        assertEquals("cli-open", json.get("id").asText());
        assertEquals("running", json.get("state").asText());
        assertTrue(json.get("tabs").get(0).get("url").asText().endsWith("/static.html"), json.toString());
        assertEquals(base() + "/?token=" + HubProcess.TOKEN + "#/s/cli-open", json.get("dashboardUrl").asText());
        if (json.has("cdpUrl")) {
            assertTrue(open.out().contains("CDP:       " + json.get("cdpUrl").asText()), open.toString());
        }
    }

    @Test
    void openHeadedAsksTheHubForAWindow() throws Exception {
        Cli.Run open = cli.run("open", "cli-headed", "--headed");
        // with a display the browser opens its window; on a machine without one (CI) the hub says why it cannot
        if (open.exitCode() == 0) {
            assertTrue(open.out().contains("(with a window)"), open.toString());
        } else {
            assertEquals(1, open.exitCode(), open.toString());
            assertTrue(open.err().contains("SESSION_UNAVAILABLE"), open.toString());
        }
        assertFalse(hub.result("session.get", Map.of("id", "cli-headed")).get("headless").asBoolean(),
                "the session was created with headless:false");
        ok(cli.run("delete", "cli-headed"));
    }

    @Test
    void sessionsListsEverySessionAsATableOrJson() throws Exception {
        ok(cli.run("open", "cli-list", "--url", TestPages.url("second.html")));
        Cli.Run table = ok(cli.run("sessions"));
        String header = table.out().lines().findFirst().orElseThrow();
        assertTrue(header.startsWith("ID") && header.contains("STATE") && header.contains("PAGE"), table.toString());
        String row = table.out().lines().filter(l -> l.startsWith("cli-list ")).findFirst().orElseThrow(() -> new AssertionError(table));
        assertTrue(row.contains("running") && row.contains("/second.html") && row.contains("free"), row);

        JsonNode listed = json(ok(cli.run("sessions", "--json")));
        JsonNode mine = StreamSupport.stream(listed.get("sessions").spliterator(), false)
                .filter(s -> s.get("id").asText().equals("cli-list")).findFirst().orElseThrow(() -> new AssertionError(listed));
        assertEquals("running", mine.get("state").asText());
    }

    @Test
    void stopKeepsTheSessionAndDeleteRemovesIt() throws Exception {
        ok(cli.run("open", "cli-stop"));
        Cli.Run stop = ok(cli.run("stop", "cli-stop"));
        assertTrue(stop.out().contains("Session cli-stop is stopped; its profile is kept."), stop.toString());
        assertEquals("stopped", hub.result("session.get", Map.of("id", "cli-stop")).get("state").asText());

        Cli.Run delete = ok(cli.run("delete", "cli-stop", "--json"));
        assertTrue(json(delete).get("deleted").asBoolean(), delete.toString());
        assertEquals("SESSION_NOT_FOUND", hub.call("session.get", Map.of("id", "cli-stop")).at("/error/data/kind").asText());
    }

    @Test
    void callRunsAnyMethodWithParamsFromTheArgumentOrStdin() throws Exception {
        ok(cli.run("open", "cli-call", "--url", TestPages.url("static.html")));
        assertEquals("static", json(ok(cli.run("call", "page.title", "{\"session\":\"cli-call\"}"))).get("title").asText());
        assertTrue(json(ok(cli.run("call", "hub.info"))).has("version"));
        JsonNode text = json(ok(client().stdin("{\"session\": \"cli-call\", \"selector\": \"h1\"}").run("call", "page.text", "-")));
        assertEquals("Nothing moves here", text.get("text").asText());
    }

    @Test
    void aFailedCallExitsOneAndNamesTheErrorKind() throws Exception {
        Cli.Run missing = cli.run("call", "session.get", "{\"id\":\"no-such-session\"}");
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("session.get failed: SESSION_NOT_FOUND (-32001)"), missing.toString());
        assertEquals("", missing.out());

        Cli.Run stop = cli.run("stop", "no-such-session");
        assertEquals(1, stop.exitCode(), stop.toString());
        assertTrue(stop.err().contains("SESSION_NOT_FOUND"), stop.toString());

        // with --json the error object itself, for scripts
        Cli.Run asJson = cli.run("stop", "no-such-session", "--json");
        assertEquals(1, asJson.exitCode(), asJson.toString());
        JsonNode error = RpcClient.JSON.readTree(asJson.err()).get("error");
        assertEquals(-32001, error.get("code").asInt());
        assertEquals("SESSION_NOT_FOUND", error.at("/data/kind").asText());
    }

    @Test
    void anUnknownMethodExitsOne() throws Exception {
        Cli.Run run = cli.run("call", "page.frobnicate", "{}");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("METHOD_NOT_FOUND (-32601)"), run.toString());
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        for (List<String> args : List.of(List.of("frobnicate"), List.of("call"), List.of("open"),
                List.of("call", "page.title", "not json"), List.of("call", "page.title", "[1, 2]"), List.of("sessions", "--no-such-option"),
                List.of("sessions", "--url", "ftp://example.com"))) {
            Cli.Run run = cli.run(args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), args + ": " + run);
            assertFalse(run.err().isBlank(), args + " says what is wrong: " + run);
        }
    }

    @Test
    void anUnreachableHubExitsThreeAndSaysHowToStartOne() throws Exception {
        Path data = tmp.resolve("never-used");
        Cli.Run run = Cli.withEnv(Map.of()).run("sessions", "--url", "http://127.0.0.1:" + freePort(), "--data-dir", data.toString());
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains("No hub answers at http://127.0.0.1:"), run.toString());
        assertTrue(run.err().contains("browserhub serve"), run.toString());
        // a client command is a client: no data directory, no lock, no driver, no Quarkus
        assertFalse(Files.exists(data), "the client created nothing in the data directory");
        assertFalse(run.out().contains("Quarkus") || run.err().contains("Quarkus"), run.toString());
    }

    @Test
    void aWrongOrMissingTokenExitsThreeAndSaysWhereTheTokenIs() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("no-token-here"));
        Cli.Run wrong = Cli.withEnv(Map.of("BROWSERHUB_URL", base())).run("sessions", "--token", "wrong-token-0123456789", "--data-dir", empty.toString());
        assertEquals(3, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.err().contains("refused the access token from --token"), wrong.toString());
        assertTrue(wrong.err().contains(empty.resolve("token").toString()), "names the token file: " + wrong);

        Cli.Run none = Cli.withEnv(Map.of("BROWSERHUB_URL", base(), "BROWSERHUB_DATA_DIR", empty.toString())).run("sessions");
        assertEquals(3, none.exitCode(), none.toString());
        assertTrue(none.err().contains("none was found") && none.err().contains(empty.resolve("token").toString()), none.toString());
    }

    @Test
    void theTokenIsReadFromTheDataDirectory() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data-with-token"));
        Files.writeString(data.resolve("token"), HubProcess.TOKEN + "\n");
        Cli byOption = Cli.withEnv(Map.of("BROWSERHUB_URL", base()));
        ok(byOption.run("sessions", "--data-dir", data.toString()));
        ok(Cli.withEnv(Map.of("BROWSERHUB_URL", base(), "BROWSERHUB_DATA_DIR", data.toString())).run("sessions"));

        // the default data directory is ~/.browserhub
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.createDirectories(home.resolve(".browserhub"));
        Files.writeString(home.resolve(".browserhub/token"), HubProcess.TOKEN);
        ok(Cli.withEnv(Map.of("BROWSERHUB_URL", base())).jvm("-Duser.home=" + home).run("sessions"));

        Cli.Run token = ok(byOption.run("token", "--data-dir", data.toString()));
        assertEquals(HubProcess.TOKEN, token.out().strip());
        assertEquals("the file " + data.resolve("token"), json(ok(byOption.run("token", "--data-dir", data.toString(), "--json"))).get("from").asText());
    }

    @Test
    void screenshotSavesPngOrJpegOrWritesToStdout() throws Exception {
        ok(cli.run("open", "cli-shot", "--url", TestPages.url("static.html")));
        Path png = tmp.resolve("shot.png");
        Cli.Run saved = ok(cli.run("screenshot", "cli-shot", "-o", png.toString()));
        assertTrue(saved.out().contains("Saved " + png + " (1280x720"), saved.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(720, image.getHeight());

        Path jpeg = tmp.resolve("shot.jpg");
        JsonNode info = json(ok(cli.run("screenshot", "cli-shot", "-o", jpeg.toString(), "--full-page", "--json")));
        assertEquals("image/jpeg", info.get("mimeType").asText());
        byte[] bytes = Files.readAllBytes(jpeg);
        assertEquals(0xFF, bytes[0] & 0xFF, "JPEG magic");
        assertEquals(0xD8, bytes[1] & 0xFF, "JPEG magic");

        Cli.Run piped = ok(cli.run("screenshot", "cli-shot", "-o", "-"));
        assertEquals(1280, ImageIO.read(new ByteArrayInputStream(piped.outBytes())).getWidth(), "a PNG on stdout");
    }

    @Test
    void logsPrintsTheActivityLogAndFollowsNewEntries() throws Exception {
        ok(cli.run("open", "cli-logs", "--url", TestPages.url("static.html")));
        Cli.Run logs = ok(cli.run("logs", "cli-logs"));
        String goTo = logs.out().lines().filter(l -> l.contains("page.goto")).findFirst().orElseThrow(() -> new AssertionError(logs));
        assertTrue(goTo.contains("command") && goTo.contains("browserhub-cli") && goTo.contains("/static.html") && goTo.endsWith(" ok"), goTo);

        List<JsonNode> entries = new ArrayList<>();
        for (String line : ok(cli.run("logs", "cli-logs", "--json")).out().split("\n")) {
            entries.add(RpcClient.JSON.readTree(line));
        }
        assertTrue(entries.stream().anyMatch(e -> e.at("/data/method").asText().equals("session.ensure")), entries.toString());
        for (int i = 1; i < entries.size(); i++) {
            assertTrue(entries.get(i).get("seq").asLong() > entries.get(i - 1).get("seq").asLong(), "in seq order: " + entries);
        }

        try (Cli.Following follow = cli.follow("logs", "cli-logs", "--follow")) {
            follow.awaitLine("page.goto", Duration.ofSeconds(30));
            follow.awaitLine("browserhub-cli events.subscribe", Duration.ofSeconds(30));
            hub.result("page.goto", Map.of("session", "cli-logs", "url", TestPages.url("second.html")));
            String next = follow.awaitLine("/second.html", Duration.ofSeconds(30));
            assertTrue(next.contains("page.goto") || next.contains("page."), next);
            assertTrue(follow.alive(), "--follow keeps going");
        }
    }

    @Test
    void urlPrintsTheDashboardLinkAfterAskingTheHub() throws Exception {
        assertEquals(base() + "/?token=" + HubProcess.TOKEN, ok(cli.run("url")).out().strip());
        ok(cli.run("open", "cli-url"));
        assertEquals(base() + "/?token=" + HubProcess.TOKEN + "#/s/cli-url", ok(cli.run("url", "cli-url")).out().strip());
        Cli.Run missing = cli.run("url", "no-such-session");
        assertEquals(1, missing.exitCode(), missing.toString());
    }

    @Test
    void versionHelpAndCompletion() throws Exception {
        assertTrue(ok(cli.run("--version")).out().strip().matches("browserhub \\d+\\.\\d+\\.\\d+.*"));
        Cli.Run help = ok(cli.run("--help"));
        for (String command : List.of("serve", "sessions", "open", "stop", "delete", "call", "screenshot", "logs", "token", "url", "completion")) {
            assertTrue(help.out().contains("  " + command + " "), command + " in\n" + help.out());
        }
        assertTrue(ok(cli.run("open", "--help")).out().contains("--headed"));
        Cli.Run completion = ok(cli.run("completion"));
        assertTrue(completion.out().contains("complete -F") && completion.out().contains("screenshot"), completion.out());
    }

    @Test
    void theLauncherScriptRunsTheSameCommands() throws Exception {
        Path launcher = Cli.jar().getParent().getParent().resolve("browserhub");
        assertTrue(Files.isExecutable(launcher), launcher + " is made by the build");
        // twice: the first client run after a build writes the class data archive, the second uses it
        for (int i = 0; i < 2; i++) {
            Cli.Run run = cli.runCommand(List.of(launcher.toString(), "sessions", "--json"));
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(json(run).has("sessions"), run.toString());
            assertEquals("", run.err(), "no JVM log lines on a client command's stderr");
        }
    }

    @Test
    void serveRunsTheHubWithItsOptions() throws Exception {
        Path data = tmp.resolve("served");
        int port = freePort();
        List<String> command = Cli.packaged(List.of("-Dbrowserhub.auth.token=" + HubProcess.TOKEN));
        command.addAll(List.of("serve", "--port", String.valueOf(port), "--data-dir", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("BROWSERHUB_"));
        Process served = builder.start();
        try (Cli.Following log = new Cli.Following(served)) {
            String banner = log.awaitLine("open the dashboard", Duration.ofSeconds(60));
            assertTrue(banner.contains("http://127.0.0.1:" + port + "/?token=" + HubProcess.TOKEN), banner);
            assertTrue(Files.exists(data.resolve("hub.lock")), "serve used --data-dir");
            Cli.Run info = ok(Cli.withEnv(Map.of("BROWSERHUB_TOKEN", HubProcess.TOKEN)).run("call", "hub.info", "--url", "127.0.0.1:" + port));
            assertTrue(json(info).has("uptimeMs"), info.toString());
        }
    }

    private static Cli.Run ok(Cli.Run run) {
        assertEquals(0, run.exitCode(), run.toString());
        return run;
    }

    private static JsonNode json(Cli.Run run) throws IOException {
        return RpcClient.JSON.readTree(run.out());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
