package io.browserhub.dashboard;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.browserhub.support.DashboardBrowser.Person;
import io.browserhub.support.RpcClient;
import java.util.List;
import java.util.Map;

/** The session view's live picture as a test sees it: its colours, and where a point of the page lands on it. */
final class LiveCanvas {

    private LiveCanvas() {
    }

    /** Waits until the centre of the canvas matched by {@code selector} (with at least one frame drawn) has this colour. */
    static void waitForColor(Page page, String selector, List<Integer> rgb) {
        page.waitForFunction("""
                ([selector, rgb]) => {
                  const c = document.querySelector(selector);
                  if (!c || !c.dataset.frames) return false;
                  const d = c.getContext('2d').getImageData(c.width >> 1, c.height >> 1, 1, 1).data;
                  return [0, 1, 2].every(i => Math.abs(d[i] - rgb[i]) < 24);
                }""", List.of(selector, rgb), new Page.WaitForFunctionOptions().setTimeout(30_000));
    }

    static void waitForColor(Page page, List<Integer> rgb) {
        waitForColor(page, "canvas.screen", rgb);
    }

    /** A point of the page (CSS px of its viewport) on the dashboard's canvas, wherever the canvas is scrolled to. */
    static double[] onCanvas(RpcClient agent, String session, Locator canvas, int[] pagePoint) {
        JsonNode viewport = agent.call("session.get", Map.of("id", session)).get("viewport");
        BoundingBox box = canvas.boundingBox();
        return new double[] {
                box.x + pagePoint[0] * box.width / viewport.get("width").asDouble(),
                box.y + pagePoint[1] * box.height / viewport.get("height").asDouble()};
    }

    static void clickOnPage(RpcClient agent, String session, Page page, Locator canvas, int[] pagePoint) {
        double[] p = onCanvas(agent, session, canvas, pagePoint);
        page.mouse().click(p[0], p[1]);
    }

    /** Waits until the page's #log (read with page.text, open to every client) contains the text. */
    static void awaitLog(RpcClient agent, Person person, String session, String expected) {
        String last = "";
        for (int i = 0; i < 300; i++) {
            last = agent.call("page.text", Map.of("session", session, "selector", "#log")).get("text").asText();
            if (last.contains(expected)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("the page never showed \"" + expected + "\"; it shows: " + last + "; the dashboard reported: " + person.problems());
    }
}
