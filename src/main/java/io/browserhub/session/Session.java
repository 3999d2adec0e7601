package io.browserhub.session;

import io.browserhub.backend.BrowserBackend;
import io.browserhub.backend.DevToolsEndpoint;
import io.browserhub.backend.LaunchOptions;
import io.browserhub.backend.LaunchSettings;
import io.browserhub.config.HubConfig;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.observability.LogText;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import io.browserhub.session.event.StateChanged;
import org.jboss.logging.Logger;

/**
 * One named session: its record on disk and, while running, the actor that owns its browser. Any command
 * to a stopped or crashed session starts it again on the same profile, with its tabs reopened.
 */
public final class Session implements EvictionPolicy.Candidate {

    private static final Logger LOG = Logger.getLogger(Session.class);

    private final String id;
    private final SessionStore store;
    private final BrowserBackend backend;
    private final SessionEvents events;
    private final HubConfig config;

    private SessionRecord record;
    /** Written under the session's lock; read without it on the command path (see {@link #takesCommandsNow}). */
    private volatile SessionActor actor;
    /** Actors replaced while their thread had not ended: watched until it does (the new actor waits for that). */
    private final List<SessionActor> retiring = new CopyOnWriteArrayList<>();
    private volatile boolean deleted;
    private volatile SessionState state = SessionState.STOPPED;
    private volatile Instant lastActivityAt;
    private volatile String lastFailure;
    private volatile StopReason stopReason = StopReason.STOPPED;
    private final StuckTabs stuckTabs = new StuckTabs();
    private final AtomicInteger viewers = new AtomicInteger();
    private final AddOns addOns;
    /** Why the session cannot be used (its session.json was unreadable at start); null for a sound session. */
    private volatile String damage;
    private final Capacity capacity;
    private final SessionCounters counters;

    /** Decides whether one more browser may start, making room first when needed (the registry). */
    interface Capacity {
        SessionActor startWithRoom(Session session);

        /** The hub is stopping: a browser lost now went down with the hub, it did not crash. */
        boolean shuttingDown();
    }

    Session(SessionRecord record, SessionStore store, BrowserBackend backend, SessionEvents events, HubConfig config,
            Capacity capacity, SessionCounters counters) {
        this.id = record.id();
        this.counters = counters;
        this.capacity = capacity;
        this.record = record;
        this.store = store;
        this.backend = backend;
        this.events = events;
        this.config = config;
        this.addOns = new AddOns(record.id());
        this.lastActivityAt = record.lastActivityAt() != null ? record.lastActivityAt() : record.createdAt();
    }

    @Override
    public String id() {
        return id;
    }

    public SessionState state() {
        return state;
    }

    @Override
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
        return execute(work, WorkOptions.PLAIN);
    }

    /** Runs work on the actor, as {@code options} say (its tab, whether it interrupts, its time limit). */
    public <T> CompletableFuture<T> execute(SessionWork<T> work, WorkOptions options) {
        lastActivityAt = Instant.now();
        SessionActor target = actor;
        if (!takes(target)) {
            synchronized (this) {
                target = liveActor();
            }
            if (target == null) {
                target = capacity.startWithRoom(this);
            }
        }
        // the returned stage completes after the stamp: a client that reads the session after the answer sees it
        // (a dependent added to the submitted future itself may run after the caller's, which send the answer)
        return target.submit(work, options).whenComplete((r, e) -> lastActivityAt = Instant.now());
    }

    /**
     * Runs work on the browser only if it runs now, without counting as activity: a glance (the dashboard's
     * thumbnails) must neither start a stopped browser nor keep an idle one from being stopped. Empty when not running.
     */
    public <T> Optional<CompletableFuture<T>> ifRunning(SessionWork<T> work) {
        SessionActor target;
        synchronized (this) {
            if (deleted) {
                return Optional.empty(); // its browser is being ended
            }
            target = liveActor();
        }
        if (target == null || state != SessionState.RUNNING) {
            return Optional.empty();
        }
        return Optional.of(target.submit(work, WorkOptions.PLAIN));
    }

    /**
     * Whether a command given now goes straight to a running browser's queue: no start, no lock, no waiting, so a
     * transport may hand it over without leaving its own thread. A stale answer is harmless: the command then goes
     * the slow way, or fails SESSION_UNAVAILABLE exactly as it would have a moment later.
     */
    public boolean takesCommandsNow() {
        return takes(actor);
    }

    private boolean takes(SessionActor live) {
        return live != null && !live.retired() && !deleted && damage == null;
    }

    /** The actor that takes commands now, or null when a new one must start. */
    private SessionActor liveActor() {
        if (deleted) {
            throw new HubException(ErrorCode.SESSION_NOT_FOUND, "Session \"" + id + "\" was deleted.", Map.of("session", id));
        }
        if (damage != null) {
            throw new HubException(ErrorCode.SESSION_UNAVAILABLE, "Session \"" + id + "\" is damaged: " + damage + ". Repair its"
                    + " session.json and restart the hub, or remove the session with session.delete.", Map.of("session", id, "damage", damage));
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
    @Override
    public boolean idle() {
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
        // an actor replaced while its thread was still inside a call: the new one waits for it to end
        retiring.removeIf(old -> old.terminated().isDone());
        retiring.forEach(old -> old.checkStuck(nowNanos));
    }

    /** Starts the browser if needed; completes when it runs. */
    public CompletableFuture<SessionInfo> start() {
        return execute(live -> null).thenApply(x -> info());
    }

    /** Closes the browser gracefully after the commands already queued; the profile stays. */
    public CompletableFuture<SessionInfo> stop() {
        return stop(StopReason.STOPPED);
    }

    /** Stops with a reason that the session.state event reports. Always completes: a browser that will not stop is ended. */
    public CompletableFuture<SessionInfo> stop(StopReason reason) {
        SessionActor stopping;
        synchronized (this) {
            stopping = actor;
            if (stopping == null || stopping.terminated().isDone()) {
                return CompletableFuture.completedFuture(info());
            }
            if (!stopping.stopRequested()) {
                stopping.requestStop();
                stopReason = reason;
                setState(SessionState.STOPPING, reason.wire());
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
            stopReason = StopReason.SHUTDOWN;
        }
        return current.terminated();
    }

    /**
     * For session.delete: the session is going away with its profile, so nothing it was doing needs to finish. The
     * browser is ended at once; the command running fails, queued ones too.
     */
    CompletableFuture<Void> discard() {
        SessionActor current;
        synchronized (this) {
            deleted = true;
            current = actor;
            if (current == null || current.terminated().isDone()) {
                return CompletableFuture.completedFuture(null);
            }
            // stopping before the browser is ended (which takes a moment): no one sees a deleted session running
            if (state != SessionState.STOPPING) {
                setState(SessionState.STOPPING, StopReason.STOPPED.wire());
            }
        }
        // outside the lock: ending the processes waits for them, and the actor's ending needs the lock meanwhile
        current.discard();
        return current.terminated();
    }

    /** At load: the session's record was unreadable, so it is listed but never started. */
    synchronized void markDamaged(String reason) {
        damage = reason;
        state = SessionState.DAMAGED;
    }

    public Optional<String> damage() {
        return Optional.ofNullable(damage);
    }

    /** Applies new launch options; they take effect the next time the browser starts. */
    public synchronized void updateOptions(SessionOptions options) {
        reconfigure(current -> current.overriddenBy(options));
    }

    /** Changes the options kept in session.json as {@code change} says; they take effect the next time the browser starts. */
    public synchronized SessionOptions reconfigure(UnaryOperator<SessionOptions> change) {
        record = record.withOptions(change.apply(record.options()));
        store.save(record);
        return record.options();
    }

    public synchronized SessionInfo info() {
        SessionOptions o = record.options();
        List<TabInfo> tabs = actor != null && state == SessionState.RUNNING ? actor.tabs() : savedTabs();
        int idle = idleTimeoutSec();
        Viewport viewport = o.viewport() != null ? o.viewport()
                : new Viewport(config.browser().viewportWidth(), config.browser().viewportHeight());
        boolean headless = o.headless() != null ? o.headless() : config.browser().headless();
        return new SessionInfo(id, state, record.createdAt(), lastActivityAt, idle, headless, viewport, tabs, null, null, damage,
                backend.placement(), record.node(), backend.driver());
    }

    private int idleTimeoutSec() {
        Integer own = record.options().idleTimeoutSec();
        return own != null ? own : (int) config.session().idleTimeout().toSeconds();
    }

    /** The tab a DevTools target id (the CDP door's name for a page) is, while the browser runs. */
    public Optional<String> tabOfTarget(String targetId) {
        SessionActor current = actor;
        return current == null || targetId == null ? Optional.empty() : Optional.ofNullable(current.tabOfTarget(targetId));
    }

    /** The active tab as last seen (while running) or remembered (while stopped); empty when the session has none. */
    public Optional<String> activeTab() {
        // while the browser runs, its tab list is a snapshot read without the session's lock: a driving command asks
        // this on its way to the queue, possibly on an event loop, which must not wait for a session.json write
        SessionActor current = actor;
        List<TabInfo> tabs = current != null && state == SessionState.RUNNING ? current.tabs() : info().tabs();
        return tabs.stream().filter(TabInfo::active).map(TabInfo::id).findFirst();
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

    /** Chromium's own DevTools server, while the browser runs and has one (the CDP door's upstream). */
    public Optional<DevToolsEndpoint> devTools() {
        SessionActor current = actor;
        return current == null || state != SessionState.RUNNING ? Optional.empty() : current.devTools();
    }

    private List<TabInfo> savedTabs() {
        List<SavedTab> saved = record.tabs();
        return IntStream.range(0, saved.size())
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
        LaunchOptions.StorageState seed = record.options().launchOptions().storageState();
        SessionActor.Listener listener = new SessionActor.Listener() {
            @Override
            public void running() {
                synchronized (Session.this) {
                    // the machine the profile now lives on: later starts are pinned to it
                    String node = self[0].node().orElse(null);
                    if (node != null && !node.equals(record.node()) && !deleted) {
                        record = record.withNode(node);
                        store.save(record);
                    }
                    if (actor == self[0]) {
                        setState(SessionState.RUNNING, "browser started");
                    }
                    forgetStorageSeed(seed);
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
            public void ended(SessionActor.Ending ending) {
                // Ctrl+C reaches the whole process group: browsers and drivers die with the hub, which is a stop
                boolean crashed = ending.lost() && !capacity.shuttingDown();
                String cause = ending.cause();
                String hungTab = ending.hungTab();
                if (ending.lost() && !crashed) {
                    stopReason = StopReason.SHUTDOWN;
                }
                if (crashed && !ending.started()) {
                    LOG.errorf("Session %s could not start: %s", id, LogText.escape(cause));
                } else if (crashed) {
                    LOG.infof("Session %s crashed: %s", id, LogText.escape(cause));
                } else {
                    LOG.infof("Session %s stopped%s", id, stopReason == StopReason.SHUTDOWN ? " with the hub" : "");
                }
                synchronized (Session.this) {
                    if (crashed) {
                        lastFailure = cause;
                    }
                    if (hungTab != null && !deleted) {
                        List<SavedTab> marked = stuckTabs.markHung(record.tabs(), self[0].tabs(), hungTab, ending.hungMethod());
                        if (!marked.equals(record.tabs())) {
                            record = record.withTabs(marked);
                            store.save(record);
                        }
                    }
                    counters.ended(crashed, stopReason);
                    if (actor == self[0]) {
                        setState(crashed ? SessionState.CRASHED : SessionState.STOPPED, crashed ? cause : stopReason.wire());
                    }
                }
            }
        };
        SessionOptions o = record.options();
        SessionPaths paths = paths();
        LaunchSettings settings = new LaunchSettings(
                id,
                record.createdAt(),
                record.node(),
                paths.profile(),
                paths.downloads(),
                store.tempDir(),
                o.headless() != null ? o.headless() : config.browser().headless(),
                o.viewport() != null ? o.viewport().width() : config.browser().viewportWidth(),
                o.viewport() != null ? o.viewport().height() : config.browser().viewportHeight(),
                o.userAgent(), o.locale(), o.timezoneId(), o.launchOptions());
        if (actor != null && !actor.terminated().isDone()) {
            retiring.add(actor);
        }
        actor = new SessionActor(id, paths, backend, settings, this::savedTabsNow, events, listener,
                config.session().dialogTimeout(), config.session().startTimeout().plus(config.session().stuckGrace()),
                config.session().queueCapacity(), predecessor, addOns);
        self[0] = actor;
        stopReason = StopReason.STOPPED;
        setState(SessionState.STARTING, state == SessionState.CRASHED ? "restarting after a crash" : "starting");
        actor.start();
        return actor;
    }

    private void setState(SessionState next, String reason) {
        if (state == next) {
            return;
        }
        LOG.debugf("Session %s: %s -> %s (%s)", id, state.wire(), next.wire(), LogText.escape(reason));
        state = next;
        events.emit(id, null, new StateChanged(next, reason == null ? "" : reason));
    }

    /** The browser started with the storage state it was to be seeded with: the profile has it now. Under the lock. */
    private void forgetStorageSeed(LaunchOptions.StorageState applied) {
        SessionOptions o = record.options();
        if (applied != null && applied.equals(o.launchOptions().storageState()) && !deleted) {
            record = record.withOptions(o.withLaunch(o.launchOptions().without(List.of("storageState"))));
            store.save(record);
        }
    }

    /** The options kept in session.json. */
    public synchronized SessionOptions options() {
        return record.options();
    }

    private synchronized List<SavedTab> savedTabsNow() {
        return record.tabs();
    }

}
