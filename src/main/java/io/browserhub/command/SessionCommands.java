package io.browserhub.command;

import static io.browserhub.command.ParamSpec.opt;
import static io.browserhub.command.ParamSpec.req;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.error.HubException;
import io.browserhub.session.Session;
import io.browserhub.session.SessionInfo;
import io.browserhub.session.SessionOptions;
import io.browserhub.session.SessionRegistry;
import io.browserhub.session.Viewport;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** session.create, ensure, get, list, stop, delete. */
@ApplicationScoped
public class SessionCommands implements CommandFamily {

    static final ParamSpec[] OPTIONS = {
        opt("headless", ParamType.BOOLEAN, "Run without a window (default: browserhub.browser.headless, true)."),
        opt("viewport", ParamType.OBJECT, "{width, height} in CSS pixels (default 1280x720)."),
        opt("userAgent", ParamType.STRING, "User-Agent header and navigator.userAgent."),
        opt("locale", ParamType.STRING, "Locale such as \"en-GB\"."),
        opt("timezoneId", ParamType.STRING, "Time zone such as \"Europe/Paris\"."),
        opt("idleTimeoutSec", ParamType.INTEGER, "Stop the browser after this many idle seconds (0 = never)."),
        opt("placement", ParamType.STRING, "Where the browser runs: \"local\" (this machine) or \"grid\" (a Selenium Grid"
                + " node, browserhub.grid.url); default browserhub.grid.default. Fixed once the session exists."),
    };

    private final SessionRegistry sessions;
    private final ControlGate control;
    private final SessionUrls urls;

    public SessionCommands(SessionRegistry sessions, ControlGate control, SessionUrls urls) {
        this.sessions = sessions;
        this.control = control;
        this.urls = urls;
    }

    @Override
    public void register(MethodTable.Builder t) {
        String info = "SessionInfo";
        t.hub("session.create", Access.MANAGE, "Creates a session and starts its browser; SESSION_EXISTS if the id is taken.", info,
                call -> started(sessions.create(call.params().string("id", null), options(call.params()))),
                with(opt("id", ParamType.STRING, "Session id (letters, digits, . _ -); generated when absent.")));
        t.hub("session.ensure", Access.MANAGE, "Creates the session, or starts it if stopped, or returns it if running.", info,
                call -> started(sessions.ensure(call.params().string("id"), options(call.params()))),
                with(req("id", ParamType.STRING, "Session id.")));
        t.hub("session.get", Access.READ, "Describes one session.", info,
                call -> CompletableFuture.completedFuture(described(sessions.require(call.params().string("id")).info())),
                req("id", ParamType.STRING, "Session id."));
        t.hub("session.list", Access.READ, "Describes every session.", "{sessions: [SessionInfo]}",
                call -> CompletableFuture.completedFuture(Map.of("sessions",
                        sessions.all().stream().map(Session::info).map(this::described).toList())));
        t.hub("session.stop", Access.MANAGE, "Closes the browser after the commands already queued; the profile is kept.", info,
                call -> sessions.require(call.params().string("id")).stop().thenApply(this::described),
                req("id", ParamType.STRING, "Session id."));
        t.hub("session.delete", Access.MANAGE, "Closes the browser and removes the profile, logs and files.", "{deleted: true}",
                call -> sessions.delete(call.params().string("id")).thenApply(x -> Map.of("deleted", true)),
                req("id", ParamType.STRING, "Session id."));
    }

    private CompletionStage<SessionInfo> started(Session session) {
        return session.start().thenApply(this::described);
    }

    /** SessionInfo with its controller and its CDP URL, which the session itself does not know. */
    private SessionInfo described(SessionInfo info) {
        return info.withController(control.controller(info.id()).orElse(null)).withCdpUrl(urls.cdpUrl(info.id()));
    }

    private static ParamSpec[] with(ParamSpec id) {
        ParamSpec[] all = new ParamSpec[OPTIONS.length + 1];
        all[0] = id;
        System.arraycopy(OPTIONS, 0, all, 1, OPTIONS.length);
        return all;
    }

    static SessionOptions options(Params p) {
        Viewport viewport = null;
        if (p.has("viewport")) {
            JsonNode v = p.node("viewport");
            if (!v.path("width").isIntegralNumber() || !v.path("height").isIntegralNumber()) {
                throw HubException.invalidParams("viewport must be {\"width\": integer, \"height\": integer}.");
            }
            viewport = new Viewport(v.get("width").asInt(), v.get("height").asInt());
        }
        Integer idle = p.integerOrNull("idleTimeoutSec");
        if (idle != null && idle < 0) {
            throw HubException.invalidParams("idleTimeoutSec must be 0 (never) or a positive number of seconds.");
        }
        return new SessionOptions(p.boolOrNull("headless"), viewport, p.string("userAgent", null),
                p.string("locale", null), p.string("timezoneId", null), idle, p.string("placement", null));
    }
}
