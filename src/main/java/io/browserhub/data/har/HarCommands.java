package io.browserhub.data.har;

import static io.browserhub.command.ParamSpec.opt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.command.Access;
import io.browserhub.command.CommandFamily;
import io.browserhub.command.MethodTable;
import io.browserhub.command.ParamType;
import io.browserhub.data.files.SessionFiles;
import io.browserhub.error.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** har.start and har.stop: a HAR 1.2 of every request of a running session between the two, saved under its har/. */
@ApplicationScoped
public class HarCommands implements CommandFamily {

    private final SessionFiles files;
    private final ObjectMapper json;
    private final String version;

    public HarCommands(SessionFiles files, ObjectMapper json,
                       @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.files = files;
        this.json = json;
        this.version = version;
    }

    @Override
    public void register(MethodTable.Builder t) {
        t.sessionWide("har.start", Access.READ, "Starts recording every request of the session (all tabs) into a HAR 1.2, without"
                        + " restarting the browser; it goes on across browser restarts until har.stop.",
                "{started: true, name}",
                (live, p) -> {
                    String content = p.choice("content", "omit", List.of("omit", "embed"));
                    live.addOn(HarRecorder.class).ifPresent(running -> {
                        throw HubException.invalidParams("Session \"" + live.id() + "\" is already recording HAR " + running.name()
                                + "; call har.stop first.");
                    });
                    HarRecorder recorder = new HarRecorder(live.id(), live.paths(), files, json, content.equals("embed"));
                    live.attach(recorder);
                    return Map.of("started", true, "name", recorder.name());
                },
                opt("content", ParamType.STRING, "\"omit\" (default): sizes and types only; \"embed\": response bodies too"
                        + " (text as is, binary as base64; at most " + (HarEntries.MAX_BODY >> 20) + " MiB each)."));
        t.sessionWide("har.stop", Access.READ, "Stops the HAR recording and saves it under the session's har/ (files.list, kind \"har\").",
                "{name, url, entries, pages}",
                (live, p) -> {
                    HarRecorder recorder = live.addOn(HarRecorder.class).orElseThrow(() -> HubException.invalidParams(
                            "Session \"" + live.id() + "\" is not recording a HAR; start one with har.start."));
                    live.detach(recorder);
                    return recorder.finish(version);
                });
    }
}
