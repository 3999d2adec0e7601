package io.browserhub.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.RpcError;
import io.browserhub.support.TestPages;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** page.url, title, content, text, snapshot (and its aria-ref selectors) and screenshot. */
@QuarkusTest
class PageReadingTest {

    private static final BrowserUnderTest browser = new BrowserUnderTest("reading");

    @AfterAll
    static void deleteSession() {
        browser.close();
    }

    @Test
    void urlAndTitleOfTheActiveTab() {
        browser.open("form.html");
        assertEquals(TestPages.url("form.html"), browser.call("page.url").get("url").asText());
        assertEquals("Sign up", browser.call("page.title").get("title").asText());
        browser.eval("() => { document.title = 'Changed by script'; }");
        assertEquals("Changed by script", browser.call("page.title").get("title").asText());
    }

    @Test
    void contentOfTheWholePageOrOneElement() {
        browser.open("form.html");
        browser.call("page.fill", Map.of("selector", "#name", "value", "typed"));
        String html = browser.call("page.content").get("html").asText();
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        assertTrue(html.contains("<title>Sign up</title>"));
        assertTrue(html.contains("id=\"hoverbox\""));

        String button = browser.call("page.content", Map.of("selector", "#counter")).get("html").asText();
        assertEquals("<button id=\"counter\" type=\"button\">Count clicks</button>", button);
    }

    @Test
    void textIsTheRenderedTextOfThePageOrOneElement() {
        browser.open("waits.html");
        String page = browser.call("page.text").get("text").asText();
        assertTrue(page.startsWith("Waits\n"), page);
        assertTrue(page.contains("Working..."), page);
        assertFalse(page.contains("function start"), "scripts are not text");

        browser.eval("() => { document.querySelector('#spinner').style.display = 'none'; }");
        assertFalse(browser.call("page.text").get("text").asText().contains("Working..."), "hidden text is not rendered text");
        assertEquals("Start the slow work", browser.text("#start"));
    }

    @Test
    void snapshotRefsAreSelectorsForTheNextCommand() {
        browser.open("form.html");
        String snapshot = browser.call("page.snapshot").get("snapshot").asText();
        assertTrue(snapshot.contains("heading \"Sign up\""), snapshot);
        assertTrue(snapshot.contains("textbox \"Name\""), snapshot);
        Matcher counter = Pattern.compile("button \"Count clicks\" \\[ref=([^\\]]+)\\]").matcher(snapshot);
        assertTrue(counter.find(), snapshot);
        Matcher name = Pattern.compile("textbox \"Name\" \\[ref=([^\\]]+)\\]").matcher(snapshot);
        assertTrue(name.find(), snapshot);

        browser.call("page.click", Map.of("selector", "aria-ref=" + counter.group(1)));
        browser.call("page.click", Map.of("selector", "aria-ref=" + counter.group(1)));
        assertEquals("2", browser.text("#clicks"));
        browser.call("page.fill", Map.of("selector", "aria-ref=" + name.group(1), "value", "by ref"));
        assertEquals("by ref", browser.value("#name"));
    }

    @Test
    void snapshotOfOneElement() {
        browser.open("form.html");
        String part = browser.call("page.snapshot", Map.of("selector", "#colour")).get("snapshot").asText();
        assertTrue(part.contains("combobox"), part);
        assertTrue(part.contains("option \"Green\""), part);
        assertFalse(part.contains("Sign up"), part);
    }

    @Test
    void snapshotSaysWhereItIsAndFitsABudget() {
        browser.open("form.html");
        JsonNode whole = browser.call("page.snapshot");
        assertEquals(TestPages.url("form.html"), whole.get("url").asText());
        assertEquals("Sign up", whole.get("title").asText());
        assertTrue(whole.get("tab").asText().startsWith("t"), whole.toString());
        assertFalse(whole.get("truncated").asBoolean());
        String yaml = whole.get("snapshot").asText();
        assertEquals(yaml.length(), whole.get("totalChars").asInt());

        JsonNode cut = browser.call("page.snapshot", Map.of("maxChars", 200));
        String kept = cut.get("snapshot").asText();
        assertTrue(cut.get("truncated").asBoolean());
        assertTrue(kept.length() <= 200 && yaml.startsWith(kept + "\n"), "whole lines from the start: " + kept);
        assertEquals(yaml.length(), cut.get("totalChars").asInt());

        String shallow = browser.call("page.snapshot", Map.of("depth", 1)).get("snapshot").asText();
        assertTrue(shallow.contains("heading \"Sign up\"") && !shallow.contains("textbox \"Name\""), shallow);
        browser.fails("INVALID_PARAMS", "page.snapshot", Map.of("maxChars", 0));
    }

    @Test
    void consoleMessagesAndPageErrorsOfTheTab() {
        browser.open("static.html");
        browser.eval("() => { console.log('one'); console.warn('two'); console.error('three'); console.debug('four');"
                + " setTimeout(() => { throw new RangeError('uncaught'); }); return new Promise(r => setTimeout(r, 50)); }");
        JsonNode all = browser.call("page.consoleMessages");
        assertEquals("[one, two, three, four]", texts(all.get("messages")));
        assertEquals("warning", all.at("/messages/1/type").asText());
        assertTrue(all.get("errors").toString().contains("RangeError: uncaught"), all.toString());
        assertEquals("[two, three]", texts(browser.call("page.consoleMessages", Map.of("level", "warning")).get("messages")));
        browser.open("static.html");
        assertEquals("[]", texts(browser.call("page.consoleMessages").get("messages")), "since the last navigation");
        assertTrue(texts(browser.call("page.consoleMessages", Map.of("all", true)).get("messages")).contains("three"));
    }

    @Test
    void requestsOfTheTabWithTheirResponses() {
        browser.open("static.html");
        browser.eval("() => fetch('/second.html').then(r => r.text()).then(() => fetch('/nothing-here')).then(r => r.status)");
        JsonNode requests = browser.call("page.requests").get("requests");
        String all = requests.toString();
        assertTrue(all.contains("\"url\":\"" + TestPages.url("static.html") + "\""), all);
        JsonNode fetched = null;
        JsonNode missing = null;
        for (JsonNode r : requests) {
            fetched = r.get("url").asText().endsWith("/second.html") ? r : fetched;
            missing = r.get("url").asText().endsWith("/nothing-here") ? r : missing;
        }
        assertNotNull(fetched, all);
        assertEquals("GET", fetched.get("method").asText());
        assertEquals("fetch", fetched.get("resourceType").asText());
        assertEquals(200, fetched.get("status").asInt());
        assertEquals(404, missing.get("status").asInt());
    }

    private static String texts(JsonNode messages) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        messages.forEach(m -> texts.add(m.get("text").asText()));
        return texts.toString();
    }

    @Test
    void aRefFromAnEarlierDocumentMatchesNothing() {
        browser.open("form.html");
        String snapshot = browser.call("page.snapshot").get("snapshot").asText();
        Matcher counter = Pattern.compile("button \"Count clicks\" \\[ref=([^\\]]+)\\]").matcher(snapshot);
        assertTrue(counter.find(), snapshot);
        browser.call("page.reload");
        RpcError stale = browser.fails("NO_ELEMENT", "page.click", Map.of("selector", "aria-ref=" + counter.group(1), "timeoutMs", 500));
        assertTrue(stale.message().contains("aria-ref=" + counter.group(1)), stale.message());
        assertTrue(stale.message().contains("page.snapshot"), "the error says how to get fresh refs: " + stale.message());
        RpcError unknown = browser.fails("NO_ELEMENT", "page.click", Map.of("selector", "aria-ref=e99999", "timeoutMs", 500));
        assertTrue(unknown.message().contains("page.snapshot"), unknown.message());
    }

    @Test
    void pngScreenshotOfTheViewportIsReturnedAndSaved() throws IOException {
        browser.open("tall.html");
        JsonNode shot = browser.call("page.screenshot");
        assertEquals("image/png", shot.get("mimeType").asText());
        byte[] png = Base64.getDecoder().decode(shot.get("data").asText());
        BufferedImage image = decode(png);
        assertEquals(1280, image.getWidth());
        assertEquals(720, image.getHeight());
        assertEquals(1280, shot.get("width").asInt());
        assertEquals(720, shot.get("height").asInt());
        assertEquals(0x1e3cc8, image.getRGB(600, 50) & 0xffffff, "the #top block is painted at the top");

        Path saved = Path.of(shot.get("path").asText());
        assertTrue(saved.toString().endsWith(".png"), saved.toString());
        assertEquals("screenshots", saved.getParent().getFileName().toString());
        assertEquals(browser.id(), saved.getParent().getParent().getFileName().toString(), "saved under the session's own directory");
        assertArrayEquals(png, Files.readAllBytes(saved));
    }

    @Test
    void jpegScreenshotWithQuality() throws IOException {
        browser.open("tall.html");
        JsonNode shot = browser.call("page.screenshot", Map.of("format", "jpeg", "quality", 50));
        assertEquals("image/jpeg", shot.get("mimeType").asText());
        byte[] jpeg = Base64.getDecoder().decode(shot.get("data").asText());
        BufferedImage image = decode(jpeg);
        assertEquals(1280, image.getWidth());
        assertEquals(720, image.getHeight());
        assertEquals(720, shot.get("height").asInt());
        assertTrue(shot.get("path").asText().endsWith(".jpg"), shot.get("path").asText());
        assertArrayEquals(jpeg, Files.readAllBytes(Path.of(shot.get("path").asText())));

        browser.fails("INVALID_PARAMS", "page.screenshot", Map.of("format", "png", "quality", 50));
        browser.fails("INVALID_PARAMS", "page.screenshot", Map.of("format", "gif"));
    }

    @Test
    void fullPageScreenshotIsAsTallAsThePage() throws IOException {
        browser.open("tall.html");
        int pageHeight = browser.eval("() => document.documentElement.scrollHeight").asInt();
        assertEquals(3250, pageHeight);
        JsonNode shot = browser.call("page.screenshot", Map.of("fullPage", true));
        BufferedImage image = decode(Base64.getDecoder().decode(shot.get("data").asText()));
        assertEquals(pageHeight, image.getHeight());
        assertEquals(pageHeight, shot.get("height").asInt());
        assertEquals(1280, image.getWidth());
        assertEquals(0x14a03c, image.getRGB(600, pageHeight - 10) & 0xffffff, "the #bottom block is in the picture");
    }

    @Test
    void screenshotOfOneElement() throws IOException {
        browser.open("tall.html");
        JsonNode shot = browser.call("page.screenshot", Map.of("selector", "#box"));
        BufferedImage image = decode(Base64.getDecoder().decode(shot.get("data").asText()));
        assertEquals(200, image.getWidth());
        assertEquals(100, image.getHeight());
        assertEquals(200, shot.get("width").asInt());
        assertEquals(100, shot.get("height").asInt());
        assertEquals(0xc81e1e, image.getRGB(100, 50) & 0xffffff, "the red box");

        RpcError missing = browser.fails("NO_ELEMENT", "page.screenshot", Map.of("selector", "#no-box", "timeoutMs", 500));
        assertTrue(missing.message().contains("#no-box") && missing.message().contains("500 ms"), missing.message());
    }

    @Test
    void readingAMissingElementIsNoElement() {
        browser.open("form.html");
        RpcError text = browser.fails("NO_ELEMENT", "page.text", Map.of("selector", "#absent", "timeoutMs", 500));
        assertTrue(text.message().contains("#absent"), text.message());
        browser.fails("NO_ELEMENT", "page.content", Map.of("selector", "#absent", "timeoutMs", 500));
        browser.fails("NO_ELEMENT", "page.snapshot", Map.of("selector", "#absent", "timeoutMs", 500));
    }

    private static BufferedImage decode(byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(image, "the data is an image");
        return image;
    }
}
