package io.browserhub.session;

import io.browserhub.browser.BrowserLauncher;
import io.browserhub.browser.LaunchSettings;
import io.browserhub.config.HubConfig;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * One named session: its record on disk and, while running, the actor that owns its browser. Any command
 * to a stopped or crashed session starts it again on the same profile, with its tabs reopened.
 */
public final class Session {

    private static final Logger LOG = Logger.getLogger(Session.class);
    /** The stop reason of the idle reaper. */
    public static final String REAPED = "reaped";

    private final String id;
    private final SessionStore store;
    private final BrowserLauncher launcher;
    private final SessionEvents events;
    private final HubConfig config;

    private SessionRecord record;
    private SessionActor actor;
    private boolean deleted;
    private volatile SessionState state = SessionState.STOPPED;
    private volatile Instant lastActivityAt;
    private volatile String lastFailure;
    private volatile String stopReason = "stopped";
    private final java.util.concurrent.atomic.AtomicInteger viewers = new java.util.concurrent.atomic.AtomicInteger();
    private final Capacity capacity;

    /** Decides whether one more browser may start, making room first when needed (the registry). */
    interface Capacity {
        SessionActor startWithRoom(Session session);
    }

    private final SessionCounters counters;

    Session(SessionRecord record, SessionStore store, BrowserLauncher launcher, SessionEvents events, HubConfig config,
            Capacity capacity, SessionCounters counters) {
        this.id = record.id();
        this.counters = counters;
        this.capacity = capacity;
        this.record = record;
        this.store = store;
        this.launcher = launcher;
        this.events = events;
        this.config = config;
        this.lastActivityAt = record.lastActivityAt() != null ? record.lastActivityAt() : record.createdAt();
    }

    public String id() {
        return id;
    }

    public SessionState state() {
        return state;
    }

    public Instant lastActivityAt() {
        return lastActivityAt;
    }

    /** Why the browser last failed to start or crashed; empty when it never did. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    public SessionPaths paths() {
        return store.paths(id);
    }

    /** Runs work on the session's browser, starting the browser first when the session is not running. */
    public <T> CompletableFuture<T> execute(SessionWork<T> work) {
        return execute(work, false, 0);
    }

    /**
     * Runs work on the actor. {@code limitMs} is how long it may run before the page counts as stuck
     * (0 = no limit); {@code interrupting} work runs even while the current command is blocked by a dialog.
     */
    public <T> CompletableFuture<T> execute(SessionWork<T> work, boolean interrupting, long limitMs) {
        lastActivityAt = Instant.now();
        SessionActor target;
        synchronized (this) {
            target = liveActor();
        }
        if (target == null) {
            target = capacity.startWithRoom(this);
        }
        CompletableFuture<T> result = target.submit(work, interrupting, limitMs);
        result.whenComplete((r, e) -> lastActivityAt = Instant.now());
        return result;
    }

    /**
     * Runs work on the browser only if it runs now, without counting as activity: a glance (the dashboard's
     * thumbnails) must neither start a stopped browser nor keep an idle one from being stopped. Empty when not running.
     */
    public <T> Optional<CompletableFuture<T>> ifRunning(SessionWork<T> work) {
        SessionActor target;
        synchronized (this) {
            target = liveActor();
        }
        if (target == null || state != SessionState.RUNNING) {
            return Optional.empty();
        }
        return Optional.of(target.submit(work, false, 0));
    }

    /** The actor that takes commands now, or null when a new one must start. */
    private SessionActor liveActor() {
        if (deleted) {
            throw new HubException(ErrorCode.SESSION_NOT_FOUND, "Session \"" + id + "\" was deleted.", Map.of("session", id));
        }
        return actor != null && !actor.retired() ? actor : null;
    }

    /** True while a browser runs or starts for this session and is not on its way out: it counts towards the cap. */
    synchronized boolean countsTowardsCap() {
        return actor != null && !actor.retired();
    }

    /** True when the browser runs, can be stopped, and has been idle (no command, no viewer) longer than its timeout. */
    public boolean idleLongerThanTimeout(Instant now) {
        SessionActor current = actor;
        int timeoutSec = idleTimeoutSec();
        return state == SessionState.RUNNING && timeoutSec > 0 && current != null && !current.busy() && viewers.get() == 0
                && lastActivityAt.plusSeconds(timeoutSec).isBefore(now);
    }

    /** Running, not busy, no viewers: may be stopped to make room. */
    boolean idle() {
        SessionActor current = actor;
        return state == SessionState.RUNNING && current != null && !current.busy() && viewers.get() == 0;
    }

    /** A live viewer (screencast) keeps a session from being reaped. */
    public void viewerJoined() {
        viewers.incrementAndGet();
    }

    public void viewerLeft() {
        viewers.decrementAndGet();
    }

    /** For the watchdog: fails a command that runs past its limit and ends the stuck browser. */
    public void checkStuck(long nowNanos) {
        SessionActor current = actor;
        if (current != null) {
            current.checkStuck(nowNanos);
        }
    }

    /** Starts the browser if needed; completes when it runs. */
    public CompletableFuture<SessionInfo> start() {
        return execute(live -> null).thenApply(x -> info());
    }

    /** Closes the browser gracefully after the commands already queued; the profile stays. */
    public CompletableFuture<SessionInfo> stop() {
        return stop("stopped");
    }

    /** Stops with a reason that the session.state event reports ("reaped", "stopped", "limit"). */
    public CompletableFuture<SessionInfo> stop(String reason) {
        SessionActor stopping;
        synchronized (this) {
            stopping = actor;
            if (stopping == null || stopping.terminated().isDone()) {
                return CompletableFuture.completedFuture(info());
            }
            if (!stopping.stopRequested()) {
                stopping.requestStop();
                stopReason = reason;
                setState(SessionState.STOPPING, reason);
            }
        }
        return stopping.terminated().thenApply(x -> info());
    }

    /** For hub shutdown: stop after the current command, failing the queued ones. */
    CompletableFuture<Void> abandon() {
        SessionActor current;
        synchronized (this) {
            current = actor;
            if (current == null) {
                return CompletableFuture.completedFuture(null);
            }
            current.abandon();
        }
        return current.terminated();
    }

    synchronized void markDeleted() {
        deleted = true;
    }

    /** Applies new launch options; they take effect the next time the browser starts. */
    public synchronized void updateOptions(SessionOptions options) {
        record = record.withOptions(record.options().overriddenBy(options));
        store.save(record);
    }

    public synchronized SessionInfo info() {
        SessionOptions o = record.options();
        List<TabInfo> tabs = actor != null && state == SessionState.RUNNING ? actor.tabs() : savedTabs();
        int idle = idleTimeoutSec();
        Viewport viewport = o.viewport() != null ? o.viewport()
                : new Viewport(config.browser().viewportWidth(), config.browser().viewportHeight());
        boolean headless = o.headless() != null ? o.headless() : config.browser().headless();
        return new SessionInfo(id, state, record.createdAt(), lastActivityAt, idle, headless, viewport, tabs, null);
    }

    private int idleTimeoutSec() {
        Integer own = record.options().idleTimeoutSec();
        return own != null ? own : (int) config.session().idleTimeout().toSeconds();
    }

    public int queueDepth() {
        SessionActor current = actor;
        return current == null ? 0 : current.queueDepth();
    }

    /** The running browser's main process, when there is one. */
    public Optional<ProcessHandle> browserProcess() {
        SessionActor current = actor;
        return current == null ? Optional.empty() : current.browserProcess();
    }

    private List<TabInfo> savedTabs() {
        List<SavedTab> saved = record.tabs();
        return java.util.stream.IntStream.range(0, saved.size())
                .mapToObj(i -> new TabInfo("t" + (i + 1), saved.get(i).url(), saved.get(i).title(), saved.get(i).active()))
                .toList();
    }

    /**
     * The live actor, or a new one that launches once {@code room} is free (a browser stopped to make room)
     * and this session's previous browser has closed. Called by the capacity gate, under its lock.
     */
    synchronized SessionActor startActor(CompletableFuture<?> room) {
        SessionActor live = liveActor();
        if (live != null) {
            return live;
        }
        CompletableFuture<?> predecessor = CompletableFuture.allOf(room,
                actor == null ? CompletableFuture.completedFuture(null) : actor.terminated());
        SessionActor[] self = new SessionActor[1];
        SessionActor.Listener listener = new SessionActor.Listener() {
            @Override
            public void running() {
                synchronized (Session.this) {
                    if (actor == self[0]) {
                        setState(SessionState.RUNNING, "browser started");
                    }
                }
            }

            @Override
            public void tabsChanged(List<SavedTab> saved, List<TabInfo> tabs) {
                synchronized (Session.this) {
                    if (deleted) {
                        return;
                    }
                    record = record.withTabs(saved).withLastActivityAt(lastActivityAt);
                    store.save(record);
                }
            }

            @Override
            public void ended(boolean crashed, String cause) {
                synchronized (Session.this) {
                    if (crashed) {
                        lastFailure = cause;
                    }
                    counters.ended(crashed, stopReason);
                    if (actor == self[0]) {
                        setState(crashed ? SessionState.CRASHED : SessionState.STOPPED, crashed ? cause : stopReason);
                    }
                }
            }
        };
        SessionOptions o = record.options();
        SessionPaths paths = paths();
        LaunchSettings settings = new LaunchSettings(
                paths.profile(),
                paths.downloads(),
                store.tempDir(),
                o.headless() != null ? o.headless() : config.browser().headless(),
                o.viewport() != null ? o.viewport().width() : config.browser().viewportWidth(),
                o.viewport() != null ? o.viewport().height() : config.browser().viewportHeight(),
                o.userAgent(), o.locale(), o.timezoneId());
        actor = new SessionActor(id, paths, launcher, settings, record.tabs(), events, listener,
                config.session().dialogTimeout(), config.session().queueCapacity(), predecessor);
        self[0] = actor;
        stopReason = "stopped";
        setState(SessionState.STARTING, state == SessionState.CRASHED ? "restarting after a crash" : "starting");
        actor.start();
        return actor;
    }

    private void setState(SessionState next, String reason) {
        if (state == next) {
            return;
        }
        LOG.debugf("Session %s: %s -> %s (%s)", id, state.wire(), next.wire(), reason);
        state = next;
        events.emit(id, "session.state", null, Map.of("state", next.wire(), "reason", reason == null ? "" : reason));
    }
}
