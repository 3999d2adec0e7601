package io.browserhub.session;

import static io.browserhub.error.Throwables.firstLine;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import io.browserhub.backend.BrowserBackend;
import io.browserhub.backend.DevToolsEndpoint;
import io.browserhub.backend.LaunchSettings;
import io.browserhub.backend.RunningBrowser;
import io.browserhub.browser.LaunchFailure;
import io.browserhub.observability.LogText;
import io.browserhub.browser.PlaywrightMessage;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.observability.LogText;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one thread that owns a running session's browser: every Playwright call of the session happens here, in the
 * order commands were queued. While idle the actor pumps Playwright, because Playwright delivers events only while its
 * owning thread is inside a call; a new command wakes the pump at once. What the browser is and how it is wired lives
 * in {@link SessionBrowser}; where it runs, behind {@link BrowserBackend}.
 */
final class SessionActor implements InterruptServer {

    private static final Logger LOG = Logger.getLogger(SessionActor.class);
    /** After a command, pump this long before doing the hub's own chores: a busy client's next command comes first. */
    private static final long HOT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long PUMP_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** A stop lets queued commands finish this long, then ends the browser: a stop always completes. */
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** After the browser was lost, how long the actor may take to notice before what is left of it is ended. */
    private static final long LOST_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** After ending a browser that would not stop, how long the actor thread may take to notice before it is left behind. */
    private static final long ABANDON_AFTER_KILL_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** What the actor tells its session. Called on the actor thread. */
    interface Listener {
        void running();

        void tabsChanged(List<SavedTab> saved, List<TabInfo> tabs);

        /** The browser is gone, or never came up. */
        void ended(Ending ending);
    }

    /**
     * How a browser's life ended: {@code lost} when it died underneath or could not start (else it was stopped),
     * {@code started} whether it ever ran, the cause, and, when a command got stuck in the page, the tab it addressed
     * and its method.
     */
    record Ending(boolean lost, boolean started, String cause, String hungTab, String hungMethod) {
    }

    /** A task the actor runs, and when it began running it. */
    private record Running(Task<?> task, long startedNanos) {
    }

    private final String sessionId;
    private final SessionPaths paths;
    private final BrowserBackend backend;
    private final LaunchSettings settings;
    /** Read once the previous browser has closed: it may have marked a tab as hung on its way out. */
    private final Supplier<List<SavedTab>> restoreTabs;
    private final SessionEvents events;
    private final Listener listener;
    private final Duration dialogTimeout;
    private final long startLimitNanos;
    private final CompletableFuture<?> predecessor;
    private final AddOns addOns;
    private final int capacity;
    private final ArrayBlockingQueue<Task<?>> queue;
    private final TabScheduler scheduler;
    /** Whether the scheduler holds waiting commands: read by the reaper, from another thread. */
    private volatile boolean pendingWork;
    private final Thread thread;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final StartProgress progress;
    private final long createdNanos = System.nanoTime();

    private volatile boolean stopRequested;
    private volatile long stopRequestedNanos;
    private volatile long killedNanos;
    private volatile long lostNanos;
    private volatile boolean abandon;
    private volatile String lostCause;
    private volatile boolean closing;
    private volatile boolean pumping;
    /** The task running now and since when, in one field: the watchdog must never see a task with another's start. */
    private volatile Running current;
    private volatile String hungTab;
    private volatile String hungMethod;
    private volatile RunningBrowser running;
    /** Set on the actor thread once the browser is wired; read by other threads for the tab list. */
    private volatile SessionBrowser browser;

    SessionActor(String sessionId, SessionPaths paths, BrowserBackend backend, LaunchSettings settings, Supplier<List<SavedTab>> restoreTabs,
                 SessionEvents events, Listener listener, Duration dialogTimeout, Duration startLimit, int capacity,
                 CompletableFuture<?> predecessor, AddOns addOns) {
        this.sessionId = sessionId;
        this.paths = paths;
        this.backend = backend;
        this.settings = settings;
        this.restoreTabs = restoreTabs;
        this.events = events;
        this.listener = listener;
        this.dialogTimeout = dialogTimeout;
        this.startLimitNanos = startLimit.toNanos();
        this.predecessor = predecessor;
        this.addOns = addOns;
        this.capacity = capacity;
        // room above the capacity for interrupting tasks (dialog answers) that must never be refused
        this.queue = new ArrayBlockingQueue<>(capacity + 16);
        this.scheduler = new TabScheduler(queue);
        this.progress = new StartProgress(sessionId);
        this.thread = new Thread(this::run, "session-" + sessionId);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues work; LIMIT_REACHED when the queue is full, never a silent wait. */
    <T> CompletableFuture<T> submit(SessionWork<T> work, WorkOptions options) {
        Task<T> task = new Task<>(work, options);
        if ((!options.interrupting() && queue.size() >= capacity) || !queue.offer(task)) {
            throw new HubException(ErrorCode.LIMIT_REACHED, "Session \"" + sessionId + "\" already has " + capacity
                    + " commands waiting; wait for some to finish before sending more.", Map.of("queueCapacity", capacity));
        }
        if (terminated.isDone() && queue.remove(task)) {
            task.future.completeExceptionally(unavailable("the session's browser was stopped"));
        }
        wake();
        return task.future;
    }

    /** Stops after the commands already queued have run (within a grace: then the browser is ended). */
    void requestStop() {
        if (!stopRequested) {
            stopRequestedNanos = System.nanoTime();
            stopRequested = true;
        }
        wake();
    }

    /** Stops after the current command; queued commands fail. For hub shutdown. */
    void abandon() {
        abandon = true;
        requestStop();
    }

    /** Ends the browser now, failing the running and the queued commands: for a session being deleted. */
    void discard() {
        closing = true;
        abandon();
        RunningBrowser r = running;
        if (r != null) {
            r.kill("the session is being deleted");
        }
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** Takes no new commands: stopping, crashed, or gone. The next command goes to a new actor. */
    boolean retired() {
        return stopRequested || lostCause != null || terminated.isDone();
    }

    CompletableFuture<Void> terminated() {
        return terminated;
    }

    List<TabInfo> tabs() {
        SessionBrowser b = browser;
        return b == null ? List.of() : b.tabs();
    }

    String tabOfTarget(String targetId) {
        SessionBrowser b = browser;
        return b == null ? null : b.tabOfTarget(targetId);
    }

    int queueDepth() {
        return queue.size();
    }

    Optional<ProcessHandle> browserProcess() {
        RunningBrowser r = running;
        return r == null ? Optional.empty() : r.process();
    }

    /** The remote machine the browser runs on, once it runs there. */
    Optional<String> node() {
        RunningBrowser r = running;
        return r == null ? Optional.empty() : r.node();
    }

    Optional<DevToolsEndpoint> devTools() {
        RunningBrowser r = running;
        return r == null ? Optional.empty() : r.devTools();
    }

    /** True while a command runs, waits for something in its page, or waits in the queue. */
    boolean busy() {
        return current != null || !queue.isEmpty() || pendingWork;
    }

    /** Called from any thread when the browser or its connection is seen dying. A stopping browser is not lost. */
    void markLost(String cause) {
        if (lostCause == null && !closing) {
            lostNanos = System.nanoTime();
            lostCause = cause;
            wake();
        }
    }

    private void wake() {
        RunningBrowser r = running;
        if (pumping && r != null) {
            r.wake();
        }
    }

    private void run() {
        SessionBrowser wired;
        try {
            progress.step("waiting for the previous browser to close");
            predecessor.handle((r, e) -> null).join();
            if (abandon) {
                throw new IllegalStateException("the hub is shutting down");
            }
            running = backend.start(settings, progress::step);
            running.onLost(this::markLost);
            wired = new SessionBrowser(sessionId, paths, running, events, this, dialogTimeout, listener::tabsChanged, addOns);
            wired.open(restoreTabs.get(), progress::step);
            browser = wired;
            progress.done();
        } catch (Throwable e) {
            boolean stopping = stopRequested;
            String cause = stopping ? "stopped while starting" : describeLaunchFailure(e);
            LOG.debugf("Session %s: start ended (%s)", sessionId, LogText.escape(firstLine(e.getMessage())));
            closing = true;
            failQueued(unavailable(stopping ? "the session was stopped while its browser started" : "the browser could not start: " + cause));
            if (running != null) {
                running.close(false);
            }
            listener.ended(new Ending(!stopping, false, cause, null, null));
            terminated.complete(null);
            return;
        }
        try {
            listener.running();
            loop(wired);
        } catch (Throwable e) {
            // e.toString(), not getMessage(): a null cause would not count as lost, and shutdown would touch the wreck
            markLost(e.toString());
            LOG.errorf(LogText.safe(e), "Session %s actor failed", sessionId);
        }
        shutdown(wired);
    }

    private void loop(SessionBrowser wired) {
        long hotUntil = 0;
        Supplier<String> activeTab = () -> wired.tabRegistry().active();
        while (lostCause == null) {
            long now = System.nanoTime();
            Task<?> task = scheduler.next(now, activeTab);
            if (task == null && stopRequested && !scheduler.pending()) {
                // the flag is written after any command routed here was queued: look once more
                task = scheduler.next(now, activeTab);
                if (task == null) {
                    return;
                }
            }
            if (task == null) {
                long until = Math.min(scheduler.nextLookNanos(), now + PUMP_SLICE_NANOS);
                if (now < hotUntil) {
                    pump(wired, () -> !queue.isEmpty() || stopRequested, Math.min(hotUntil, until) - now);
                } else if (!wired.refreshStaleTitles()) {
                    pump(wired, () -> !queue.isEmpty() || stopRequested, until - now);
                }
            } else {
                if (abandon) {
                    task.future.completeExceptionally(unavailable("the hub is shutting down"));
                    continue;
                }
                execute(task);
                hotUntil = System.nanoTime() + HOT_NANOS;
            }
            pendingWork = scheduler.pending();
            if (lostCause == null) {
                wired.refreshTabs(false);
                // paused: nothing queued, no wait pending, no command for a moment
                wired.housekeeping(task == null && !pendingWork && queue.isEmpty() && System.nanoTime() >= hotUntil);
            }
        }
    }

    /** Lets Playwright deliver events until {@code done}, a loss, or the time slice ends; a new command wakes it. */
    private void pump(SessionBrowser wired, BooleanSupplier done, long sliceNanos) {
        long deadline = System.nanoTime() + sliceNanos;
        pumping = true;
        try {
            wired.context().waitForCondition(
                    () -> done.getAsBoolean() || lostCause != null || System.nanoTime() > deadline,
                    new BrowserContext.WaitForConditionOptions().setTimeout(TimeUnit.NANOSECONDS.toMillis(sliceNanos) + 5_000));
        } catch (TimeoutError e) {
            // the machine was too busy to look at the condition in time: not a reason to give the browser up
            LOG.debugf("Session %s: idle pump overran its slice", sessionId);
        } catch (PlaywrightException e) {
            if (!running.alive() || isClosedMessage(e.getMessage())) {
                markLost(firstLine(e.getMessage()));
            } else {
                LOG.debugf("Session %s: idle pump: %s", sessionId, LogText.escape(firstLine(e.getMessage())));
            }
        } finally {
            pumping = false;
        }
    }

    private static boolean isClosedMessage(String message) {
        return message != null && (message.contains("closed") || message.contains("Connection") || message.contains("pipe"));
    }

    @Override
    public void serveUntil(BooleanSupplier done, Duration timeout) {
        SessionBrowser wired = browser;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean() && lostCause == null && !abandon && System.nanoTime() < deadline) {
            Task<?> interrupt = takeInterrupt();
            if (interrupt != null) {
                execute(interrupt);
                continue;
            }
            pump(wired, () -> done.getAsBoolean() || hasInterrupt() || abandon, Math.min(PUMP_SLICE_NANOS, deadline - System.nanoTime()));
        }
    }

    /**
     * Like a command waiting inside Playwright: only the command's end or the browser's stops it. A stop, even the
     * hub's shutdown, lets the current command finish; a browser ended under it (a deleted session, a stop past its
     * grace, the watchdog) ends the wait through the loss or the page's closed connection.
     */
    @Override
    public void pumpUntil(BooleanSupplier done, Duration timeout) {
        SessionBrowser wired = browser;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean() && lostCause == null && running.alive() && System.nanoTime() < deadline) {
            pump(wired, done, Math.min(PUMP_SLICE_NANOS, deadline - System.nanoTime()));
        }
    }

    private boolean hasInterrupt() {
        return scheduler.hasInterrupt();
    }

    private Task<?> takeInterrupt() {
        return scheduler.takeInterrupt();
    }

    /**
     * Runs a task, or gives a waiting one its next look. Work that answers with a {@link Later} is parked: the scheduler
     * gives it another look at its time, and lets other tabs' work run meanwhile.
     */
    @SuppressWarnings("unchecked")
    private <T> void execute(Task<T> task) {
        if (task.future.isDone()) {
            return;
        }
        Running outer = current;
        current = new Running(task, System.nanoTime());
        try {
            LiveSession live = browser.live();
            if (task.later == null) {
                T result = task.work.run(live);
                if (!(result instanceof Later<?> later)) {
                    task.future.complete(result);
                    return;
                }
                task.later = (Later<T>) later;
            }
            Optional<T> ready = task.later.poll(live);
            if (ready.isPresent()) {
                task.future.complete(ready.get());
            } else {
                scheduler.park(task, task.later.nextPollNanos(System.nanoTime()));
            }
        } catch (Throwable e) {
            Throwable overdue = task.overdue;
            task.future.completeExceptionally(overdue != null ? overdue : classify(e));
        } finally {
            current = outer;
        }
    }

    /**
     * Called by the watchdog (any thread), once a second. A command past its limit means the page is stuck, e.g. in an
     * endless script that no Playwright timeout can stop: the caller gets TIMEOUT now, and the browser is ended so the
     * actor thread comes free; the next command starts it again, with that tab blank. A start or a stop that takes too
     * long ends the browser the same way, so neither can hang the session.
     */
    void checkStuck(long nowNanos) {
        RunningBrowser r = running;
        if (terminated.isDone()) {
            return;
        }
        if (stopRequested) {
            overdueStop(nowNanos, r);
            return;
        }
        if (browser == null) {
            progress.reportIfSlow(nowNanos);
            if (r != null && nowNanos - createdNanos > startLimitNanos) {
                markLost("starting took longer than " + TimeUnit.NANOSECONDS.toSeconds(startLimitNanos) + " s");
                r.kill("its start took too long");
            }
            return;
        }
        if (lostCause != null) {
            if (r != null && killedNanos == 0 && nowNanos - lostNanos > LOST_GRACE_NANOS) {
                // a Playwright call that does not notice its browser is gone would hold the thread for ever
                killedNanos = nowNanos;
                LOG.warnf("Session %s: its browser is gone (%s) but a call still waits on it; ending what is left", sessionId, LogText.escape(lostCause));
                r.kill("its browser is gone");
            } else if (killedNanos != 0 && nowNanos - killedNanos > ABANDON_AFTER_KILL_NANOS) {
                // the session's next start waits for this one to end (terminated): never for ever
                abandon(new Ending(true, true, lostCause, hungTab, hungMethod));
            }
            return;
        }
        Running now = current;
        if (now == null || now.task.options.limitMs() <= 0) {
            return;
        }
        Task<?> task = now.task;
        long ranMs = TimeUnit.NANOSECONDS.toMillis(nowNanos - now.startedNanos);
        if (ranMs <= task.options.limitMs()) {
            return;
        }
        hungTab = task.options.tab() != null ? task.options.tab() : activeTab();
        hungMethod = task.options.method();
        task.overdue = new HubException(ErrorCode.TIMEOUT, "The command ran " + ranMs
                + " ms, past its limit: the page is stuck (a script that never returns?). Session \"" + sessionId
                + "\" restarts its browser on the next command, on the same profile, with that tab blank.", Map.of("ranMs", ranMs));
        // retire this actor before answering, so the caller's next command already goes to a fresh browser
        markLost("a command got stuck in the page for " + ranMs + " ms");
        task.future.completeExceptionally(task.overdue);
        LOG.warnf("Session %s: a command is stuck after %d ms; ending its browser", sessionId, ranMs);
        r.kill("a command got stuck");
    }

    private void overdueStop(long nowNanos, RunningBrowser r) {
        if (killedNanos == 0 && nowNanos - stopRequestedNanos > STOP_GRACE_NANOS) {
            killedNanos = nowNanos;
            LOG.warnf("Session %s did not stop within %d s; ending its browser", sessionId, TimeUnit.NANOSECONDS.toSeconds(STOP_GRACE_NANOS));
            closing = true;
            if (r != null) {
                r.kill("it did not stop in time");
            }
        } else if (killedNanos != 0 && nowNanos - killedNanos > ABANDON_AFTER_KILL_NANOS) {
            abandon(new Ending(false, true, "stopped", null, null));
        }
    }

    /**
     * The thread is stuck somewhere no ended browser frees it: the session goes on without it. Where it is stuck goes
     * to the log, for whoever finds out why.
     */
    private void abandon(Ending ending) {
        StringBuilder where = new StringBuilder();
        StackTraceElement[] stack = thread.getStackTrace();
        for (StackTraceElement frame : Arrays.copyOf(stack, Math.min(12, stack.length))) {
            where.append("\n\tat ").append(frame);
        }
        LOG.errorf("Session %s: its actor thread did not come free after its browser ended; leaving it behind. It waits in:%s",
                sessionId, where);
        failQueued(unavailable(ending.lost() ? "the browser crashed (" + lostCause + ")" : "the session was stopped"));
        listener.ended(ending);
        terminated.complete(null);
    }

    private String activeTab() {
        for (TabInfo tab : tabs()) {
            if (tab.active()) {
                return tab.id();
            }
        }
        return null;
    }

    /** A failure caused by the browser dying is SESSION_UNAVAILABLE, whatever Playwright called it. */
    private Throwable classify(Throwable e) {
        if (lostCause == null && !running.alive()) {
            markLost("the browser process ended");
        }
        if (lostCause != null) {
            return unavailable("the browser crashed during the command (" + lostCause + "); the next command restarts it");
        }
        if (closing) {
            return unavailable("the session was stopped during the command");
        }
        return e;
    }

    private void shutdown(SessionBrowser wired) {
        boolean lost = lostCause != null;
        if (!lost) {
            try {
                wired.refreshTabs(true);
            } catch (RuntimeException e) {
                LOG.debugf("Session %s: last look at the tabs: %s", sessionId, LogText.escape(e.getMessage()));
            }
        }
        closing = true;
        failQueued(lost ? unavailable("the browser crashed (" + lostCause + "); send the command again to restart it")
                : unavailable("the session was stopped while this command waited; send it again to resume the session"));
        wired.close(!lost && killedNanos == 0, lost ? "the browser crashed: " + lostCause : "the session stopped");
        failQueued(unavailable("the session was stopped"));
        if (!terminated.isDone()) {
            listener.ended(new Ending(lost, true, lostCause, hungTab, hungMethod));
            terminated.complete(null);
        }
    }

    private void failQueued(HubException error) {
        Task<?> t;
        while ((t = queue.poll()) != null) {
            t.future.completeExceptionally(error);
        }
        for (Task<?> waiting : scheduler.drain()) {
            waiting.future.completeExceptionally(error);
        }
    }

    private HubException unavailable(String why) {
        return new HubException(ErrorCode.SESSION_UNAVAILABLE, "Session \"" + sessionId + "\" is unavailable: " + why + ".");
    }

    private String describeLaunchFailure(Throwable e) {
        return LaunchFailure.explain(PlaywrightMessage.of(e).firstLine(), settings.profile());
    }
}
