package io.browserhub.data.recording;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ScreenshotScale;
import com.microsoft.playwright.options.ScreenshotType;
import io.browserhub.browser.ImageSize;
import io.browserhub.data.files.FileKind;
import io.browserhub.data.files.SessionFiles;
import io.browserhub.session.BrowserAddOn;
import io.browserhub.session.LiveSession;
import io.browserhub.session.SessionEvents;
import io.browserhub.session.event.Screenshot;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A screenshot recording of a session, between recording.start and recording.stop: a JPEG of the active tab every
 * interval, and one after driving commands. The one after commands waits until the clients pause (no command queued,
 * none for {@link #SETTLE_MS}), so a client sending commands in quick succession is not slowed by a screenshot after
 * each, and the page has settled; it shows the page after the last of them and counts them. Each shot is a file under recordings/ and a "screenshot" event,
 * which puts it in the activity log and the timeline. Follows the session across browser restarts. Actor thread only.
 */
final class Recorder implements BrowserAddOn {

    private static final Logger LOG = Logger.getLogger(Recorder.class);
    private static final double SHOT_TIMEOUT_MS = 5_000;
    /** How long the clients must have been quiet after a driving command before its picture is taken. */
    static final long SETTLE_MS = 250;
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(SETTLE_MS);

    private final SessionFiles files;
    private final SessionEvents events;
    private final long intervalNanos;
    private final int quality;
    private long lastShotNanos;
    private String lastDrive;
    private long lastDriveNanos;
    private int drivesSinceShot;
    private int shots;

    Recorder(SessionFiles files, SessionEvents events, long intervalMs, int quality) {
        this.files = files;
        this.events = events;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.quality = quality;
    }

    int shots() {
        return shots;
    }

    @Override
    public void attach(LiveSession live) {
        // the first picture right away: the page as the recording (or the new browser) finds it
        lastShotNanos = System.nanoTime() - intervalNanos;
    }

    @Override
    public void drove(LiveSession live, String method) {
        lastDrive = method;
        lastDriveNanos = System.nanoTime();
        drivesSinceShot++;
    }

    @Override
    public void tick(LiveSession live, boolean paused) {
        long now = System.nanoTime();
        boolean due = now - lastShotNanos >= intervalNanos;
        boolean settled = paused && now - lastDriveNanos >= SETTLE_NANOS;
        if (lastDrive != null && (settled || due)) {
            // a client that never pauses still gets a picture per interval, of the page after its commands
            shoot(live, "command");
        } else if (due) {
            shoot(live, "interval");
        }
    }

    @Override
    public void detach(LiveSession live, boolean usable) {
        lastDrive = null;
        drivesSinceShot = 0;
    }

    private void shoot(LiveSession live, String trigger) {
        String after = "command".equals(trigger) ? lastDrive : null;
        Integer commands = after != null ? drivesSinceShot : null;
        lastShotNanos = System.nanoTime();
        lastDrive = null;
        drivesSinceShot = 0;
        try {
            Page page = live.page(null);
            String tab = live.tabId(page);
            // CSS pixels whatever the device scale factor: the size stays that of the viewport
            byte[] image = page.screenshot(new Page.ScreenshotOptions().setType(ScreenshotType.JPEG).setQuality(quality)
                    .setScale(ScreenshotScale.CSS).setTimeout(SHOT_TIMEOUT_MS));
            String name = SessionFiles.stampedName(Instant.now(), "-" + tab + ".jpg");
            files.write(live.paths(), FileKind.RECORDING, name, image);
            ImageSize size = ImageSize.of(image);
            shots++;
            events.emit(live.id(), tab, new Screenshot(SessionFiles.url(live.id(), FileKind.RECORDING, name), name, page.url(),
                    trigger, after, commands, size.width(), size.height(), image.length));
        } catch (RuntimeException e) {
            // a tab closing or a browser going away: the next turn tries again
            LOG.debugf("Session %s: recording screenshot skipped: %s", live.id(), e.getMessage());
        }
    }
}
