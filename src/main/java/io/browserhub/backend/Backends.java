package io.browserhub.backend;

import io.browserhub.error.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every backend of this hub by its name, which is also a session's placement ("local", "grid", ...): the one place
 * where a session's placement becomes the backend that starts its browser. A new backend is a bean implementing
 * {@link BrowserBackend}; nothing here changes. A backend whose sessions session.create cannot place (the extension
 * relay's appear when a browser connects) says so in {@link BrowserBackend#unusable()}, and is then refused here by
 * that sentence.
 */
@ApplicationScoped
public class Backends {

    /** The placement of sessions that never chose one (created before placements existed). */
    public static final String LOCAL = "local";

    private final Map<String, BrowserBackend> byName = new TreeMap<>();

    public Backends(@Any Instance<BrowserBackend> all) {
        for (BrowserBackend backend : all) {
            byName.put(backend.name(), backend);
        }
    }

    /** The backend a session placed there starts with; a session loaded from disk with an unknown one stays local. */
    public BrowserBackend forPlacement(String placement) {
        return Optional.ofNullable(byName.get(placement == null ? LOCAL : placement)).orElseGet(() -> byName.get(LOCAL));
    }

    /**
     * The backend of a session: the one its driver names (a person's own browser: "extension"), else the one of its
     * placement. A driver this hub does not have is an error, not a silent local browser: that session is someone's
     * own browser, and a local one in its place would be a different browser.
     */
    public BrowserBackend forSession(String driver, String placement) {
        if (driver == null) {
            return forPlacement(placement);
        }
        BrowserBackend backend = byName.get(driver);
        if (backend == null) {
            throw new IllegalStateException("This hub has no driver \"" + driver + "\" (it has " + byName.keySet() + ").");
        }
        return backend;
    }

    /** Checks that new sessions may be placed there: INVALID_PARAMS naming the choices, or what to configure. */
    public BrowserBackend requireUsable(String placement) {
        BrowserBackend backend = byName.get(placement);
        if (backend == null) {
            throw HubException.invalidParams("placement must be one of " + String.join(", ", byName.keySet().stream()
                    .map(n -> "\"" + n + "\"").toList()) + "; not \"" + placement + "\".");
        }
        backend.unusable().ifPresent(why -> {
            throw HubException.invalidParams("placement \"" + placement + "\" is not available on this hub: " + why);
        });
        return backend;
    }
}
