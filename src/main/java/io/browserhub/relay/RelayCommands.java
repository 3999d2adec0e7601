package io.browserhub.relay;

import static io.browserhub.command.ParamSpec.opt;
import static io.browserhub.command.ParamSpec.req;

import io.browserhub.command.Access;
import io.browserhub.command.CommandFamily;
import io.browserhub.command.MethodTable;
import io.browserhub.command.ParamType;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.session.SessionId;
import io.browserhub.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** extension.status, extension.pair, extension.revoke: what the /extension page (and the command line) use. */
@ApplicationScoped
public class RelayCommands implements CommandFamily {

    /** The session a browser is paired as, unless the person names another. */
    public static final String DEFAULT_SESSION = "my-browser";

    private final Pairings pairings;
    private final BrowserLinks links;
    private final SessionRegistry sessions;

    public RelayCommands(Pairings pairings, BrowserLinks links, SessionRegistry sessions) {
        this.pairings = pairings;
        this.links = links;
        this.sessions = sessions;
    }

    @Override
    public void register(MethodTable.Builder t) {
        t.hub("extension.status", Access.READ, "The browser extension: its id and download, and every paired browser with the tabs it shares.",
                "{extensionId, version, download, browsers: [{session, connected, pairedAt, lastSeenAt, browser, userAgent, extensionVersion,"
                        + " autoShare, state, sharedTabs: [{id, url, title, attached}]}]}",
                call -> CompletableFuture.completedFuture(status()));
        t.hub("extension.pair", Access.MANAGE, "Pairs a browser as a session (driver \"extension\"): a new credential of its own for the"
                        + " extension, which the /extension page hands over. A browser paired as that session before is unpaired.",
                "{session, credential, extensionId}",
                call -> CompletableFuture.completedFuture(pair(call.params().string("id", DEFAULT_SESSION))),
                opt("id", ParamType.STRING, "The session the browser becomes (default \"" + DEFAULT_SESSION + "\")."));
        t.hub("extension.revoke", Access.MANAGE, "Unpairs the browser of a session: its credential stops working, and its extension disconnects."
                        + " The session and its log stay.", "{revoked}",
                call -> CompletableFuture.completedFuture(Map.of("revoked", revoke(call.params().string("id")))),
                req("id", ParamType.STRING, "The session of the browser."));
    }

    private Map<String, Object> pair(String id) {
        String session = SessionId.require(id);
        links.ensureSession(session);
        // a browser paired as this session before keeps its connection until the new one connects, then must pair again
        Pairings.Issued issued = pairings.pair(session);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session", session);
        out.put("credential", issued.credential());
        out.put("extensionId", ExtensionPackage.bundled().id());
        return out;
    }

    private boolean revoke(String id) {
        String session = SessionId.require(id);
        boolean revoked = pairings.revoke(session);
        links.revoked(session);
        if (!revoked && links.find(session).isEmpty()) {
            throw new HubException(ErrorCode.SESSION_NOT_FOUND, "No browser is paired as session \"" + session + "\".", Map.of("session", session));
        }
        return revoked;
    }

    private Map<String, Object> status() {
        List<Map<String, Object>> browsers = new ArrayList<>();
        for (Pairings.Pairing pairing : pairings.all()) {
            Optional<BrowserLink> link = links.find(pairing.session());
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("session", pairing.session());
            b.put("connected", link.isPresent());
            b.put("pairedAt", pairing.pairedAt());
            b.put("lastSeenAt", link.isPresent() ? link.get().connectedAt() : pairing.lastSeenAt());
            link.ifPresent(l -> {
                b.put("browser", BrowserTarget.product(l.userAgent()));
                b.put("userAgent", l.userAgent());
                b.put("extensionVersion", l.version());
                b.put("autoShare", l.autoShare());
            });
            b.put("state", sessions.find(pairing.session()).map(s -> s.state().wire()).orElse(null));
            b.put("sharedTabs", link.map(BrowserLink::sharedTabs).orElse(List.of()));
            browsers.add(b);
        }
        ExtensionPackage extension = ExtensionPackage.bundled();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("extensionId", extension.id());
        out.put("version", extension.version());
        out.put("download", ExtensionRoutes.PATH + "/" + ExtensionPackage.FILE_NAME);
        out.put("browsers", browsers);
        return out;
    }
}
