package io.browserhub.command;

import static io.browserhub.command.ParamSpec.opt;

import com.microsoft.playwright.Tracing;
import io.browserhub.error.HubException;
import io.browserhub.files.PrivateFiles;
import io.browserhub.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** trace.start and trace.stop: Playwright traces (screenshots, DOM snapshots, network) saved under traces/. */
@ApplicationScoped
public class TraceCommands implements CommandFamily {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final SessionRegistry sessions;

    public TraceCommands(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public void register(MethodTable.Builder t) {
        t.hub("trace.status", Access.READ, "Whether a trace is recording in the session; never starts a stopped browser"
                        + " (which records nothing).", "{recording}",
                call -> sessions.require(call.params().session())
                        .ifRunning(live -> (Object) Map.of("recording", live.tracing()))
                        .orElseGet(() -> CompletableFuture.completedFuture(Map.of("recording", false))),
                ParamSpec.SESSION);
        t.sessionWide("trace.start", Access.READ, "Starts recording a Playwright trace of the session (open it at trace.playwright.dev).",
                "{started: true}",
                (live, p) -> {
                    if (live.tracing()) {
                        throw HubException.invalidParams("A trace is already recording in session \"" + live.id() + "\"; call trace.stop first.");
                    }
                    live.context().tracing().start(new Tracing.StartOptions()
                            .setScreenshots(p.bool("screenshots", true))
                            .setSnapshots(p.bool("snapshots", true))
                            .setTitle("browserhub " + live.id()));
                    live.tracing(true);
                    return Map.of("started", true);
                },
                opt("screenshots", ParamType.BOOLEAN, "Record screenshots (default true)."),
                opt("snapshots", ParamType.BOOLEAN, "Record DOM snapshots for every action (default true)."));
        t.sessionWide("trace.stop", Access.READ, "Stops the trace and saves it as a zip under the session's traces/.", "{path, url}",
                (live, p) -> {
                    if (!live.tracing()) {
                        throw HubException.invalidParams("No trace is recording in session \"" + live.id() + "\"; start one with trace.start.");
                    }
                    String name = FILE_TIME.format(Instant.now()) + ".zip";
                    Path file = live.paths().traces().resolve(name);
                    PrivateFiles.directories(file.getParent());
                    live.context().tracing().stop(new Tracing.StopOptions().setPath(file));
                    PrivateFiles.restrict(file);
                    live.tracing(false);
                    return Map.of("path", file.toString(), "url", "/api/sessions/" + live.id() + "/traces/" + name);
                });
    }
}
