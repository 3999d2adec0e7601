package io.browserhub.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import io.browserhub.browser.BrowserExecutable;
import io.browserhub.browser.LocalBackend;
import io.browserhub.browser.PlaywrightDriver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ending a Grid session sends the Grid one DELETE, however many parts of the hub end it: the watchdog's kill, a
 * session.delete's kill and the actor's close may all come. Grid 4.41 holds a second DELETE of a session it has just
 * removed for ~10 s, which made one session.delete in eight take 10 s. The Grid here is a stand-in that counts;
 * the browser is a real Chromium driven by a real Playwright driver, which the kill ends.
 */
class GridSessionEndingTest {

    private final List<String> deletes = new CopyOnWriteArrayList<>();
    private HttpServer grid;

    @BeforeEach
    void aGridThatCountsDeletes() throws IOException {
        grid = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        grid.createContext("/session/", exchange -> {
            if (exchange.getRequestMethod().equals("DELETE")) {
                deletes.add(exchange.getRequestURI().getPath());
            }
            byte[] body = "{\"value\":null}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        grid.start();
    }

    @AfterEach
    void stopTheGrid() {
        grid.stop(0);
    }

    @Test
    void aKillAndTheCloseAfterItSendOneDelete() throws IOException {
        endsWithOneDelete("s-killed", browser -> {
            browser.kill("the watchdog found it lost");
            browser.close(false);
        });
    }

    @Test
    void twoKillsAndACloseSendOneDelete() throws IOException {
        endsWithOneDelete("s-twice", browser -> {
            browser.kill("session.delete");
            browser.kill("the watchdog found it lost");
            browser.close(false);
        });
    }

    @Test
    void aStopWithoutAKillSendsOneDelete() throws IOException {
        endsWithOneDelete("s-stopped", browser -> browser.close(true));
    }

    private void endsWithOneDelete(String gridSession, Consumer<GridBrowser> ending) throws IOException {
        ending.accept(browser(gridSession));
        assertEquals(List.of("/session/" + gridSession), deletes);
    }

    /** A GridBrowser over a local Chromium, as the Grid backend makes one over the node's (its Playwright is its own). */
    private GridBrowser browser(String gridSession) throws IOException {
        PlaywrightDriver.install(Path.of("target/driver"));
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(LocalBackend.QUIET_ARGS);
        BrowserExecutable.locate(Optional.empty()).ifPresent(options::setExecutablePath);
        Browser chromium = playwright.chromium().launch(options);
        GridClient client = new GridClient(GridAddress.parse("http://127.0.0.1:" + grid.getAddress().getPort()), new ObjectMapper());
        return new GridBrowser(playwright, chromium, chromium.newContext(), client, gridSession, "node-test", Optional.empty());
    }
}
