package io.browserhub.command;

import static io.browserhub.command.ParamSpec.opt;
import static io.browserhub.command.ParamSpec.req;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.backend.LaunchOptions;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.observability.LogText;
import io.browserhub.session.Session;
import io.browserhub.session.SessionInfo;
import io.browserhub.session.SessionOptions;
import io.browserhub.session.SessionRegistry;
import io.browserhub.session.SessionState;
import io.browserhub.session.Viewport;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        opt("idleTimeoutSec", ParamType.INTEGER, "Stop the browser after this many idle seconds (0 = never).").range(0, 31_536_000),
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
        t.hub("session.create", Access.MANAGE, "Creates a session and starts its browser; SESSION_EXISTS if the id is taken,"
                + " LIMIT_REACHED at the hub's session cap, SESSION_UNAVAILABLE if the browser cannot start.", info,
                call -> started(sessions.create(call.params().string("id", null), options(call.params()))),
                with(opt("id", ParamType.STRING, "Session id (letters, digits, . _ -); generated when absent.")));
        t.hub("session.ensure", Access.MANAGE, "Creates the session, or starts it if stopped, or returns it if running;"
                + " LIMIT_REACHED at the hub's session cap, SESSION_UNAVAILABLE if the browser cannot start.", info,
                call -> started(sessions.ensure(call.params().string("id"), options(call.params()))),
                with(req("id", ParamType.STRING, "Session id.")));
        t.hub("session.get", Access.READ, "Describes one session.", info,
                call -> CompletableFuture.completedFuture(described(sessions.require(call.params().string("id")).info())),
                ParamSpec.SESSION_ID);
        t.hub("session.list", Access.READ, "Describes every session.", "{sessions: [SessionInfo]}",
                call -> CompletableFuture.completedFuture(Map.of("sessions",
                        sessions.all().stream().map(Session::info).map(this::described).toList())));
        t.hub("session.stop", Access.MANAGE, "Closes the browser after the commands already queued; the profile is kept.", info,
                call -> sessions.require(call.params().string("id")).stop().thenApply(this::described),
                ParamSpec.SESSION_ID);
        t.hub("session.configure", Access.MANAGE, "Changes a session's options (the same as session.create's); they apply at"
                        + " the next start of its browser, or now with restart: true.",
                "{options, restarted}",
                call -> configure(call.params()),
                with(ParamSpec.SESSION_ID,
                        opt("reset", ParamType.STRING_ARRAY, "Launch options to put back to the hub's default, by name: "
                                + LaunchOptions.NAMES + "."),
                        opt("restart", ParamType.BOOLEAN, "Restart a running browser now so the options apply at once (default false).")));
        t.hub("session.delete", Access.MANAGE, "Closes the browser and removes the profile, logs and files.", "{deleted: true}",
                call -> sessions.delete(call.params().string("id")).thenApply(x -> Map.of("deleted", true)),
                ParamSpec.SESSION_ID);
    }

    private CompletionStage<SessionInfo> started(Session session) {
        return session.start().thenApply(this::described);
    }

    /** SessionInfo with its controller and its CDP URL, which the session itself does not know. */
    private SessionInfo described(SessionInfo info) {
        return info.withController(control.controller(info.id()).orElse(null)).withCdpUrl(urls.cdpUrl(info.id()));
    }

    private static ParamSpec[] with(ParamSpec... own) {
        List<ParamSpec> all = new ArrayList<>(List.of(own));
        all.addAll(List.of(OPTIONS));
        all.addAll(List.of(LaunchOptionParams.PARAMS));
        return all.toArray(ParamSpec[]::new);
    }

    /** session.configure: every option checked first, then stored; a running browser restarts only when asked. */
    private CompletionStage<Object> configure(Params p) {
        Session session = sessions.require(p.string("id"));
        SessionOptions given = options(p);
        List<String> reset = p.strings("reset");
        for (String name : reset) {
            if (!LaunchOptions.NAMES.contains(name)) {
                throw HubException.invalidParams("reset takes launch option names " + LaunchOptions.NAMES + ", not \"" + name + "\".");
            }
        }
        SessionOptions stored = session.reconfigure(current -> {
            SessionOptions over = current.withLaunch(current.launchOptions().without(reset));
            return over.overriddenBy(given);
        });
        boolean restart = p.bool("restart", false) && session.state() != SessionState.STOPPED && session.state() != SessionState.CRASHED;
        CompletionStage<?> done = restart ? session.stop().thenCompose(x -> session.start()) : CompletableFuture.completedFuture(null);
        return done.thenApply(x -> {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("options", Redacted.of(stored));
            result.put("restarted", restart);
            return result;
        });
    }

    /**
     * The options, checked before anything is created: a value Chromium would refuse at launch must not leave a
     * session record behind (counting towards the cap) that can never start.
     */
    static SessionOptions options(Params p) {
        Viewport viewport = null;
        if (p.has("viewport")) {
            JsonNode v = p.node("viewport");
            if (!fitsInt(v.path("width")) || !fitsInt(v.path("height"))) {
                throw HubException.invalidParams("viewport must be {\"width\": integer, \"height\": integer} within "
                        + Viewport.MIN + ".." + Viewport.MAX_WIDTH + " x " + Viewport.MIN + ".." + Viewport.MAX_HEIGHT + ".");
            }
            viewport = new Viewport(v.get("width").intValue(), v.get("height").intValue());
        }
        return new SessionOptions(p.boolOrNull("headless"), viewport, userAgent(p.string("userAgent", null)),
                locale(p.string("locale", null)), timezone(p.string("timezoneId", null)), p.integerOrNull("idleTimeoutSec"),
                LaunchOptionParams.parse(p), p.string("placement", null), null);
    }

    private static boolean fitsInt(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToInt();
    }

    /** A BCP 47 language tag such as en-GB; Chromium refuses the browser's start for a malformed one. */
    static String locale(String tag) {
        if (tag == null) {
            return null;
        }
        try {
            if (tag.isBlank()) {
                throw new IllformedLocaleException("empty");
            }
            new Locale.Builder().setLanguageTag(tag);
        } catch (IllformedLocaleException e) {
            throw new HubException(ErrorCode.INVALID_PARAMS, "locale " + quoted(tag) + " is not a language tag; write it like"
                    + " \"en-GB\", \"fr\" or \"pt-BR\".", Map.of("param", "locale"));
        }
        return tag;
    }

    /** An IANA time zone such as Europe/Paris. */
    static String timezone(String id) {
        if (id != null && !ZoneId.getAvailableZoneIds().contains(id)) {
            throw new HubException(ErrorCode.INVALID_PARAMS, "timezoneId " + quoted(id) + " is not an IANA time zone; write it"
                    + " like \"Europe/Paris\", \"America/New_York\" or \"UTC\".", Map.of("param", "timezoneId"));
        }
        return id;
    }

    /** Sent as a header: no control characters, and a length a header may have. */
    static String userAgent(String value) {
        if (value != null && (value.isBlank() || value.length() > 1024 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw new HubException(ErrorCode.INVALID_PARAMS, "userAgent must be 1 to 1024 characters without control characters.",
                    Map.of("param", "userAgent"));
        }
        return value;
    }

    private static String quoted(String value) {
        return "\"" + LogText.escape(value.length() > 80 ? value.substring(0, 80) + "..." : value) + "\"";
    }
}
