package io.browserhub.session;

import io.browserhub.backend.Backends;
import io.browserhub.browser.LeftoverBrowsers;
import io.browserhub.browser.LocalBackend;
import io.browserhub.browser.PlaywrightDriver;
import io.browserhub.browser.ProcessTrees;
import io.browserhub.config.HubConfig;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.files.PrivateFiles;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** All sessions of this hub, loaded from the data directory at start and stopped gracefully at shutdown. */
@ApplicationScoped
public class SessionRegistry implements Session.Capacity {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class);
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final HubConfig config;
    private final SessionStore store;
    private final LocalBackend launcher;
    private final Backends backends;
    private final EvictionPolicy eviction;
    /** Made at run time, not at build time: a native image must not carry a seeded generator in its heap. */
    private final SecureRandom random = new SecureRandom();
    private volatile boolean shuttingDown;
    private final SessionEvents events;
    private final Event<SessionDeleted> deleted;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    /** Sessions on their way out: no longer listed, but still watched until their browser has closed. */
    private final Map<String, Session> deleting = new ConcurrentHashMap<>();
    private final SessionCounters counters = new SessionCounters();
    /** Taken before any session's lock, never after: starting browsers one decision at a time. */
    private final Object capacityLock = new Object();
    private FileChannel lockChannel;
    private FileLock hubLock;

    public SessionRegistry(HubConfig config, SessionStore store, LocalBackend launcher, Backends backends, SessionEvents events,
                           Event<SessionDeleted> deleted) {
        this.config = config;
        this.deleted = deleted;
        this.store = store;
        this.launcher = launcher;
        this.backends = backends;
        this.events = events;
        this.eviction = EvictionPolicy.LEAST_RECENTLY_USED_IDLE;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        try {
            PrivateFiles.directories(store.sessionsDir());
            lockDataDir();
            PlaywrightDriver.install(store.dataDir().resolve("driver"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the data directory " + store.dataDir() + ": " + e.getMessage(), e);
        }
        int ended = LeftoverBrowsers.endProcessesUsing(LeftoverBrowsers.profilesUnder(store.sessionsDir()));
        LeftoverBrowsers.clearTempFiles(store.tempDir());
        launcher.prepare(store.tempDir());
        SessionStore.Loaded loaded = store.loadAll();
        for (SessionRecord record : loaded.records()) {
            LeftoverBrowsers.clearLocks(store.paths(record.id()).profile());
            sessions.put(record.id(), newSession(record));
        }
        for (SessionStore.Damaged damaged : loaded.damaged()) {
            // listed, and holding its id, so that nothing starts on its profile until a person decides
            Session session = newSession(new SessionRecord(damaged.id(), damaged.createdAt(), damaged.createdAt(), null, List.of(), null));
            session.markDamaged(damaged.reason());
            sessions.put(damaged.id(), session);
        }
        LOG.infof("Data directory %s: %d sessions%s; browser: %s", store.dataDir(), sessions.size(),
                ended > 0 ? ", " + ended + " leftover browser processes ended" : "",
                launcher.executable().map(Path::toString).orElse("Playwright's own Chromium"));
    }

    void onStop(@Observes ShutdownEvent event) {
        // from now on nothing starts: a command arriving during shutdown would launch a browser into a dying hub
        shuttingDown = true;
        List<CompletableFuture<Void>> stops = sessions.values().stream().map(Session::abandon).toList();
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("Not every browser closed within 10 s: %s", e.toString());
        }
        launcher.close();
        // whatever survived the graceful close (a wedged browser, an orphaned driver) ends with the hub
        List<ProcessHandle> leftovers = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        if (!leftovers.isEmpty()) {
            LOG.infof("Ending %d browser and driver processes that outlived the graceful close", leftovers.size());
            ProcessHandle.current().children().forEach(child -> ProcessTrees.end(child, 3, TimeUnit.SECONDS));
        }
        // nothing of this hub writes there any more: a hub that stopped leaves nothing in the system temp folder
        LeftoverBrowsers.removeTempDir(store.tempDir());
        releaseDataDir();
    }

    /** Creates a session (a generated id when none is given); SESSION_EXISTS when the id is taken. */
    public Session create(String id, SessionOptions options) {
        synchronized (sessions) {
            String sessionId = id == null ? newId() : SessionId.require(id);
            // settled now, for good: the profile will live where the browser first runs
            // (a person's own browser, which another driver brings, runs where that person is: local)
            String placement = options.placement() != null ? options.placement()
                    : options.driver() != null || !config.grid().placeByDefault() ? Backends.LOCAL : "grid";
            backends.requireUsable(placement);
            options = options.placedAt(placement);
            Session existing = sessions.get(sessionId);
            if (existing != null && existing.damage().isPresent()) {
                throw new HubException(ErrorCode.SESSION_EXISTS, "Session \"" + sessionId + "\" already exists and is damaged: "
                        + existing.damage().get() + ". Repair its session.json and restart the hub, or remove it with session.delete.",
                        Map.of("session", sessionId, "damage", existing.damage().get()));
            }
            if (existing != null || deleting.containsKey(sessionId)) {
                throw new HubException(ErrorCode.SESSION_EXISTS, "Session \"" + sessionId
                        + "\" already exists; use session.ensure to reuse it or pick another id.", Map.of("session", sessionId));
            }
            int cap = config.session().maxSessions();
            if (sessions.size() >= cap) {
                throw new HubException(ErrorCode.LIMIT_REACHED, "This hub already keeps " + cap + " sessions, its maximum"
                        + " (browserhub.session.max-sessions); delete one with session.delete, or raise the cap.", Map.of("maxSessions", cap));
            }
            Instant now = Instant.now();
            SessionRecord record = new SessionRecord(sessionId, now, now, options, List.of(), null);
            store.save(record);
            Session session = newSession(record);
            sessions.put(sessionId, session);
            return session;
        }
    }

    /** The session with this id, created when missing. */
    public Session ensure(String id, SessionOptions options) {
        synchronized (sessions) {
            Session existing = sessions.get(SessionId.require(id));
            if (existing == null) {
                return create(id, options);
            }
            String placed = existing.info().placement();
            if (options.placement() != null && !options.placement().equals(placed)) {
                throw HubException.invalidParams("Session \"" + id + "\" runs with placement \"" + placed + "\", where its profile"
                        + " lives; it cannot move to \"" + options.placement() + "\". Create a new session there instead.");
            }
            if (existing.state() == SessionState.STOPPED || existing.state() == SessionState.CRASHED) {
                existing.updateOptions(options);
            }
            return existing;
        }
    }

    public Session require(String id) {
        Session session = sessions.get(SessionId.require(id));
        if (session == null) {
            throw new HubException(ErrorCode.SESSION_NOT_FOUND, "No session \"" + id
                    + "\"; create it with session.create or session.ensure.", Map.of("session", id));
        }
        return session;
    }

    public Optional<Session> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public Collection<Session> all() {
        return sessions.values().stream().sorted(Comparator.comparing(Session::id)).toList();
    }

    /** Every session whose browser the watchdog must keep an eye on: the listed ones and those being deleted. */
    public Collection<Session> supervised() {
        List<Session> all = new java.util.ArrayList<>(sessions.values());
        all.addAll(deleting.values());
        return all;
    }

    /** Stops the browser and removes the session's directory: profile, logs, everything. */
    public CompletableFuture<Void> delete(String id) {
        Session session;
        synchronized (sessions) {
            session = require(id);
            sessions.remove(id);
            deleting.put(id, session);
        }
        return session.discard().handle((info, error) -> {
            try {
                store.delete(id);
            } finally {
                deleting.remove(id);
                deleted.fire(new SessionDeleted(session));
            }
            return null;
        });
    }

    private Session newSession(SessionRecord record) {
        return new Session(record, store, backends.forSession(record.options().driver(), record.options().placement()), events, config, this, counters);
    }

    /**
     * Starts a browser for the session within browserhub.session.max-running: at the cap, the least recently
     * used idle session is stopped first (the new browser launches once it has closed); with none idle, LIMIT_REACHED.
     */
    @Override
    public SessionActor startWithRoom(Session session) {
        synchronized (capacityLock) {
            if (shuttingDown) {
                throw new HubException(ErrorCode.SESSION_UNAVAILABLE, "Session \"" + session.id()
                        + "\" cannot start: the hub is shutting down.", Map.of("session", session.id()));
            }
            int max = config.session().maxRunning();
            long running = sessions.values().stream().filter(s -> s != session && s.countsTowardsCap()).count();
            CompletableFuture<?> room = CompletableFuture.completedFuture(null);
            if (running >= max) {
                Session victim = eviction.victim(sessions.values().stream().filter(s -> s != session).toList())
                        .orElseThrow(() -> new HubException(ErrorCode.LIMIT_REACHED, "All " + max
                                + " browsers this hub may run at once (browserhub.session.max-running) are busy; stop a session or retry when one is idle.",
                                Map.of("maxRunning", max)));
                LOG.infof("Stopping idle session %s to make room for %s (max-running %d)", victim.id(), session.id(), max);
                room = victim.stop(StopReason.LIMIT);
            }
            return session.startActor(room);
        }
    }

    @Override
    public boolean shuttingDown() {
        return shuttingDown;
    }

    /** Sessions whose session.json could not be used at start, with the reason: for readiness and people. */
    public Map<String, String> damaged() {
        Map<String, String> out = new java.util.TreeMap<>();
        sessions.values().forEach(s -> s.damage().ifPresent(reason -> out.put(s.id(), reason)));
        return out;
    }

    public SessionCounters counters() {
        return counters;
    }

    private String newId() {
        while (true) {
            StringBuilder id = new StringBuilder("s-");
            for (int i = 0; i < 8; i++) {
                id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
            }
            if (!sessions.containsKey(id.toString())) {
                return id.toString();
            }
        }
    }

    /** One hub per data directory: a second one would kill the first one's browsers as leftovers. */
    private void lockDataDir() throws IOException {
        Path lockFile = store.dataDir().resolve("hub.lock");
        lockChannel = PrivateFiles.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        hubLock = lockChannel.tryLock();
        if (hubLock == null) {
            lockChannel.close();
            throw new IllegalStateException("Another browserhub is already running on " + store.dataDir()
                    + "; stop it, or start this one with a different browserhub.data-dir.");
        }
    }

    private void releaseDataDir() {
        try {
            if (hubLock != null) {
                hubLock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.debugf("Releasing the data directory lock: %s", e.getMessage());
        }
    }
}
