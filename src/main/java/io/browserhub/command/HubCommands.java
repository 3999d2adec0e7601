package io.browserhub.command;

import static io.browserhub.command.ParamSpec.req;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.browserhub.browser.LocalBackend;
import io.browserhub.browser.PlaywrightDriver;
import io.browserhub.client.ClientKind;
import io.browserhub.command.openrpc.OpenRpcDocument;
import io.browserhub.config.HubConfig;
import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
import io.browserhub.session.SessionState;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** hub.info, client.hello and rpc.discover. */
@ApplicationScoped
public class HubCommands implements CommandFamily {

    private volatile long startedAt = System.currentTimeMillis();
    private final SessionRegistry sessions;
    private final HubConfig config;
    private final LocalBackend launcher;
    private final MethodTable table;
    private final Instance<HubInfoSection> sections;
    private final String version;
    private final ObjectMapper json;

    public HubCommands(SessionRegistry sessions, HubConfig config, LocalBackend launcher, MethodTable table,
                       Instance<HubInfoSection> sections, @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version,
                       ObjectMapper json) {
        this.sessions = sessions;
        this.config = config;
        this.launcher = launcher;
        this.table = table;
        this.sections = sections;
        this.version = version;
        this.json = json;
    }

    /** Uptime counts from the hub's start, not from this bean's first use (the first RPC). */
    void started(@Observes StartupEvent event) {
        startedAt = System.currentTimeMillis();
    }

    @Override
    public void register(MethodTable.Builder t) {
        t.hub("hub.info", Access.HUB, "What this hub is: version, uptime, session counts and limits.",
                "{version, uptimeMs, sessions: {total, running}, limits, sessionDefaults: {headless, viewport, idleTimeoutSec}, browser}",
                call -> CompletableFuture.completedFuture(info()));
        t.hub("client.hello", Access.HUB, "Names this connection's client; its name appears in logs and to other clients.",
                "{clientId}",
                call -> {
                    String name = call.params().string("name").strip();
                    if (name.isEmpty() || name.length() > 64) {
                        throw io.browserhub.error.HubException.invalidParams("name must be 1 to 64 characters.");
                    }
                    call.client().introduce(name, ClientKind.parse(call.params().string("kind", "agent")));
                    return CompletableFuture.completedFuture(Map.of("clientId", call.client().id(), "name", name,
                            "kind", call.client().kind().wire()));
                },
                req("name", ParamType.STRING, "Who you are, e.g. \"research-agent\" or \"alice\"."),
                ParamSpec.opt("kind", ParamType.STRING, "\"agent\" (default) or \"human\"."));
        t.hub("rpc.discover", Access.HUB, "This API as an OpenRPC document, generated from the method table.",
                "OpenRPC document", call -> CompletableFuture.completedFuture(OpenRpcDocument.of(table.all(), version, json)));
    }

    private Map<String, Object> info() {
        Collection<Session> all = sessions.all();
        long running = all.stream().filter(s -> s.state() == SessionState.RUNNING).count();
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("queueCapacity", config.session().queueCapacity());
        limits.put("defaultTimeoutMs", config.session().defaultTimeout().toMillis());
        limits.put("idleTimeoutSec", config.session().idleTimeout().toSeconds());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", version);
        info.put("uptimeMs", System.currentTimeMillis() - startedAt);
        info.put("sessions", Map.of("total", all.size(), "running", running));
        info.put("limits", limits);
        // what session.create uses for options it is not given, so forms can show them as hints
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("headless", config.browser().headless());
        defaults.put("viewport", Map.of("width", config.browser().viewportWidth(), "height", config.browser().viewportHeight()));
        defaults.put("idleTimeoutSec", config.session().idleTimeout().toSeconds());
        info.put("sessionDefaults", defaults);
        sections.forEach(section -> info.put(section.name(), section.describe()));
        info.put("browser", Map.of(
                "executable", launcher.executable().map(Path::toString).orElse("playwright-chromium"),
                "playwright", PlaywrightDriver.version()));
        return info;
    }
}
