package io.browserhub.data.recording;

import static io.browserhub.command.ParamSpec.opt;

import io.browserhub.command.Access;
import io.browserhub.command.CommandFamily;
import io.browserhub.command.MethodTable;
import io.browserhub.command.ParamType;
import io.browserhub.data.files.SessionFiles;
import io.browserhub.error.HubException;
import io.browserhub.session.SessionEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** recording.start and recording.stop: a screenshot recording of the session (see {@link Recorder}). */
@ApplicationScoped
public class RecordingCommands implements CommandFamily {

    static final int MIN_INTERVAL_MS = 100;
    static final int MAX_INTERVAL_MS = 3_600_000;

    private final SessionFiles files;
    private final SessionEvents events;

    public RecordingCommands(SessionFiles files, SessionEvents events) {
        this.files = files;
        this.events = events;
    }

    @Override
    public void register(MethodTable.Builder t) {
        t.sessionWide("recording.start", Access.READ, "Records JPEG screenshots of the active tab at the interval and after driving"
                        + " commands (once the clients pause), as files (kind \"recording\") and \"screenshot\" events in the"
                        + " timeline; it goes on across browser restarts until recording.stop.",
                "{started: true, intervalMs, quality}",
                (live, p) -> {
                    int interval = p.integer("intervalMs", 1000);
                    int quality = p.integer("quality", 50);
                    if (interval < MIN_INTERVAL_MS || interval > MAX_INTERVAL_MS) {
                        throw HubException.invalidParams("intervalMs must be " + MIN_INTERVAL_MS + ".." + MAX_INTERVAL_MS + ", not " + interval + ".");
                    }
                    if (quality < 1 || quality > 100) {
                        throw HubException.invalidParams("quality must be 1..100, not " + quality + ".");
                    }
                    if (live.addOn(Recorder.class).isPresent()) {
                        throw HubException.invalidParams("Session \"" + live.id() + "\" is already recording; call recording.stop first.");
                    }
                    live.attach(new Recorder(files, events, interval, quality));
                    return Map.of("started", true, "intervalMs", interval, "quality", quality);
                },
                opt("intervalMs", ParamType.INTEGER, "Milliseconds between screenshots, " + MIN_INTERVAL_MS + ".." + MAX_INTERVAL_MS + " (default 1000)."),
                opt("quality", ParamType.INTEGER, "JPEG quality 1..100 (default 50)."));
        t.sessionWide("recording.stop", Access.READ, "Stops the screenshot recording; its files and timeline entries stay.",
                "{stopped: true, shots}",
                (live, p) -> {
                    Recorder recorder = live.addOn(Recorder.class).orElseThrow(() -> HubException.invalidParams(
                            "Session \"" + live.id() + "\" is not recording; start with recording.start."));
                    live.detach(recorder);
                    return Map.of("stopped", true, "shots", recorder.shots());
                });
    }
}
