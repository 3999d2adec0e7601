package io.browserhub.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import io.browserhub.browser.BrowserExecutable;
import io.browserhub.browser.LocalBackend;
import io.browserhub.browser.PlaywrightDriver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A screencast that follows the active tab, when the tab it should move to cannot be cast (closed meanwhile; on the
 * relay, a tab the person stopped sharing): it goes on with the next active tab instead of failing, which between
 * commands would end the session's browser (seen in CI: "Session my-browser crashed: ... Page.startScreencast: tab
 * ... is not shared").
 */
class ScreencasterTest {

    @TempDir
    Path dir;

    @Test
    void aTabThatCannotBeCastIsSkippedAndTheCastFollowsTheNextActiveTab() throws Exception {
        PlaywrightDriver.install(Path.of("target/driver"));
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            BrowserType.LaunchPersistentContextOptions options = new BrowserType.LaunchPersistentContextOptions().setHeadless(true)
                    .setArgs(LocalBackend.QUIET_ARGS);
            BrowserExecutable.locate(Optional.empty()).ifPresent(options::setExecutablePath);
            BrowserContext context = playwright.chromium().launchPersistentContext(dir.resolve("profile"), options);
            Page first = context.pages().get(0);
            Page gone = context.newPage();
            Page next = context.newPage();
            gone.close();

            List<Frame> frames = new CopyOnWriteArrayList<>();
            List<String> ended = new CopyOnWriteArrayList<>();
            FrameListener listener = new FrameListener() {
                @Override
                public void frame(Frame frame) {
                    frames.add(frame);
                }

                @Override
                public void ended(String reason) {
                    ended.add(reason);
                }
            };
            Screencaster cast = new Screencaster(context);
            cast.start(first, "t1", null, ScreencastSettings.DEFAULT, listener);

            cast.activeTabIs(gone, "t2");
            assertTrue(cast.running(), "the cast goes on");

            cast.activeTabIs(next, "t3");
            next.setContent("<body style='background:#c00'>next");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (frames.stream().noneMatch(f -> "t3".equals(f.tab())) && System.nanoTime() < deadline) {
                next.waitForTimeout(50); // frames arrive during Playwright calls
            }
            assertTrue(frames.stream().anyMatch(f -> "t3".equals(f.tab())), "frames of the next active tab: " + frames.size());
            assertTrue(ended.isEmpty(), ended.toString());

            Screencaster fixed = new Screencaster(context);
            assertThrows(PlaywrightException.class, () -> fixed.start(gone, "t2", "t2", ScreencastSettings.DEFAULT, listener),
                    "a cast asked for a tab that cannot be cast fails for the one who asked");
            assertFalse(fixed.running(), "and leaves nothing half started");
            cast.stop();
            context.close();
        }
    }
}
