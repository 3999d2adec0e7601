package io.browserhub.live.screencast;

import static io.browserhub.command.ParamSpec.opt;
import static io.browserhub.command.ParamSpec.req;

import io.browserhub.command.Access;
import io.browserhub.command.CommandFamily;
import io.browserhub.command.MethodTable;
import io.browserhub.command.ParamSpec;
import io.browserhub.command.ParamType;
import io.browserhub.command.Params;
import io.browserhub.session.ScreencastSettings;
import io.browserhub.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** screencast.start, ack and stop: watching a session live over the WebSocket. */
@ApplicationScoped
public class ScreencastCommands implements CommandFamily {

    private final ScreencastHub hub;
    private final SessionRegistry sessions;

    public ScreencastCommands(ScreencastHub hub, SessionRegistry sessions) {
        this.hub = hub;
        this.sessions = sessions;
    }

    @Override
    public void register(MethodTable.Builder t) {
        t.hub("screencast.start", Access.READ,
                "Streams the session's tab (default: the active tab, following it) as binary frames; at most `window` unacknowledged.",
                "{started: true}",
                call -> {
                    Params p = call.params();
                    int window = p.integer("window", 2);
                    return hub.start(call.client(), sessions.require(p.session()), p.string("tab", null), settings(p),
                            window, p.bool("binary", true));
                },
                ParamSpec.SESSION, opt("tab", ParamType.STRING, "Tab to watch; default: the active tab, following it."),
                opt("format", ParamType.STRING, "jpeg (default) or png."),
                opt("quality", ParamType.INTEGER, "JPEG quality 0..100 (default 60).").range(0, 100),
                opt("maxWidth", ParamType.INTEGER, "Largest frame width (default 1280).").range(16, 7680),
                opt("maxHeight", ParamType.INTEGER, "Largest frame height (default 720).").range(16, 4320),
                opt("window", ParamType.INTEGER, "Frames sent and not yet acknowledged, at most (default 2).").range(1, 32),
                opt("binary", ParamType.BOOLEAN, "Binary WebSocket frames (default) or base64 screencast.frame notifications."));
        t.hub("screencast.ack", Access.READ, "Acknowledges a frame (and every earlier one), opening the window for the next.",
                "{acked}",
                call -> CompletableFuture.completedFuture(hub.ack(call.client(), call.params().session(), call.params().longInteger("seq", 0))),
                ParamSpec.SESSION, req("seq", ParamType.INTEGER, "The seq of the frame received.").range(0, Long.MAX_VALUE));
        t.hub("screencast.stop", Access.READ, "Stops watching the session.", "{stopped}",
                call -> hub.stop(call.client(), sessions.require(call.params().session())), ParamSpec.SESSION);
    }

    private static ScreencastSettings settings(Params p) {
        ScreencastSettings d = ScreencastSettings.DEFAULT;
        String format = p.choice("format", d.format(), List.of("jpeg", "png"));
        int quality = p.integer("quality", d.quality());
        int maxWidth = p.integer("maxWidth", d.maxWidth());
        int maxHeight = p.integer("maxHeight", d.maxHeight());
        return new ScreencastSettings(format, quality, maxWidth, maxHeight);
    }
}
