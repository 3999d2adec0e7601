package io.browserhub.relay;

import io.browserhub.error.HubException;
import io.browserhub.session.Session;
import io.browserhub.session.SessionOptions;
import io.browserhub.session.SessionRegistry;
import io.browserhub.session.SessionState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The people's browsers connected to this hub right now, one per session, and the sessions they are: a paired
 * browser is a session whose driver is "extension", created when it is first paired (or connects after its session was
 * deleted). When a browser disconnects, its session stops: the person's tabs are theirs.
 */
@ApplicationScoped
public class BrowserLinks {

    private static final Logger LOG = Logger.getLogger(BrowserLinks.class);
    /** SessionInfo.driver of a person's browser, and the name of its backend. */
    public static final String DRIVER = "extension";
    /** A newer connection of the same browser, or another browser paired as the same session. */
    static final short CLOSE_REPLACED = 4409;
    /** The pairing was revoked: the extension forgets its credential. */
    static final short CLOSE_REVOKED = 4403;

    private final SessionRegistry sessions;
    private final Map<String, BrowserLink> links = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<BrowserLink>> waiting = new ConcurrentHashMap<>();

    public BrowserLinks(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    public Optional<BrowserLink> find(String session) {
        return Optional.ofNullable(links.get(session));
    }

    public Collection<BrowserLink> all() {
        return List.copyOf(links.values());
    }

    /** The browser of this session, waiting up to {@code wait} for it to connect; empty when it did not. */
    Optional<BrowserLink> await(String session, Duration wait) throws InterruptedException {
        BrowserLink now = links.get(session);
        if (now != null || wait.isZero()) {
            return Optional.ofNullable(now);
        }
        CompletableFuture<BrowserLink> next = waiting.computeIfAbsent(session, s -> new CompletableFuture<>());
        now = links.get(session); // connected between the two looks
        if (now != null) {
            return Optional.of(now);
        }
        try {
            return Optional.of(next.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    /** A browser said hello with a valid credential: it is its session's browser from now on. */
    void connected(BrowserLink link) {
        String id = link.session();
        try {
            ensureSession(id);
        } catch (HubException e) {
            link.close(CLOSE_REPLACED, e.getMessage());
            return;
        }
        BrowserLink before = links.put(id, link);
        if (before != null && before != link) {
            before.close(CLOSE_REPLACED, "Another connection of this browser (or another browser paired as " + id + ") took over");
        }
        CompletableFuture<BrowserLink> waiter = waiting.remove(id);
        if (waiter != null) {
            waiter.complete(link);
        }
        LOG.infof("Browser connected as session %s (%s, %d shared tabs)", id, BrowserTarget.product(link.userAgent()), link.sharedTabs().size());
    }

    /** The browser went away (closed, restarted, unpaired): its session stops, the tabs stay the person's. */
    void disconnected(BrowserLink link, String reason) {
        if (!links.remove(link.session(), link)) {
            return;
        }
        LOG.infof("Browser of session %s disconnected: %s", link.session(), reason);
        sessions.find(link.session()).ifPresent(session -> {
            SessionState state = session.state();
            if (state == SessionState.RUNNING || state == SessionState.STARTING) {
                session.stop();
            }
        });
    }

    /** Closes the connection of a session's browser whose pairing was revoked. */
    void revoked(String session) {
        BrowserLink link = links.get(session);
        if (link != null) {
            link.close(CLOSE_REVOKED, "This browser was disconnected from the hub: pair it again on the hub's /extension page");
        }
    }

    /**
     * The session a paired browser is: created when missing. A session of that name with a browser of the hub's own is
     * not taken over.
     */
    Session ensureSession(String id) {
        Optional<Session> existing = sessions.find(id);
        if (existing.isPresent()) {
            String driver = existing.get().info().driver();
            if (!DRIVER.equals(driver)) {
                throw HubException.invalidParams("Session \"" + id + "\" already exists with a browser of the hub's own (" + driver
                        + "); pair this browser under another name.");
            }
            return existing.get();
        }
        return sessions.create(id, SessionOptions.drivenBy(DRIVER));
    }
}
