package io.browserhub.session;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.WaitUntilState;
import io.browserhub.browser.BrowserLauncher;
import io.browserhub.browser.LaunchFailure;
import io.browserhub.browser.LaunchSettings;
import io.browserhub.browser.PlaywrightMessage;
import io.browserhub.browser.ProcessTrees;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.observability.LogText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The one thread that owns a running session's Playwright, its driver process and its Chromium. Every
 * Playwright call of the session happens here, in the order commands were queued. While idle the actor
 * pumps Playwright, because Playwright delivers events only while its owning thread is inside a call.
 */
final class SessionActor {

    private static final Logger LOG = Logger.getLogger(SessionActor.class);
    /** After a command, wait this long on the queue alone: the next command of a busy client starts at once. */
    private static final long HOT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long PUMP_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long TITLE_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** What the actor tells its session. Called on the actor thread. */
    interface Listener {
        void running();

        void tabsChanged(List<SavedTab> saved, List<TabInfo> tabs);

        void ended(boolean crashed, String cause);
    }

    private final String sessionId;
    private final SessionPaths paths;
    private final BrowserLauncher launcher;
    private final LaunchSettings settings;
    private final List<SavedTab> restoreTabs;
    private final SessionEvents events;
    private final Listener listener;
    private final Duration dialogTimeout;
    private final CompletableFuture<?> predecessor;
    private final int capacity;
    private final ArrayBlockingQueue<Task<?>> queue;
    private final Thread thread;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    private volatile boolean stopRequested;
    private volatile boolean abandon;
    private volatile String crashCause;
    private volatile List<TabInfo> tabSnapshot = List.of();
    private volatile Optional<ProcessHandle> browserProcess = Optional.empty();
    private final StartProgress progress;
    private volatile Task<?> current;
    private volatile long currentStartedNanos;

    // actor-thread state
    private BrowserLauncher.Launched launched;
    private final Tabs tabs = new Tabs();
    private Dialogs dialogs;
    private Screencasts screencasts;
    private PageEvents pageEvents;
    private volatile LiveSession live;
    private boolean tabsDirty = true;
    /** A command may have changed a title without an event: look once the client pauses (see loop). */
    private boolean titlesStale;
    private boolean closing;
    private long lastTitleRefresh;

    SessionActor(String sessionId, SessionPaths paths, BrowserLauncher launcher, LaunchSettings settings, List<SavedTab> restoreTabs,
                 SessionEvents events, Listener listener, Duration dialogTimeout, int capacity, CompletableFuture<?> predecessor) {
        this.sessionId = sessionId;
        this.paths = paths;
        this.launcher = launcher;
        this.settings = settings;
        this.restoreTabs = restoreTabs;
        this.events = events;
        this.listener = listener;
        this.dialogTimeout = dialogTimeout;
        this.predecessor = predecessor;
        this.capacity = capacity;
        // room above the capacity for interrupting tasks (dialog answers) that must never be refused
        this.queue = new ArrayBlockingQueue<>(capacity + 16);
        this.progress = new StartProgress(sessionId);
        this.thread = new Thread(this::run, "session-" + sessionId);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues work; LIMIT_REACHED when the queue is full, never a silent wait. */
    <T> CompletableFuture<T> submit(SessionWork<T> work, boolean interrupting, long limitMs) {
        Task<T> task = new Task<>(work, interrupting, limitMs);
        if ((!interrupting && queue.size() >= capacity) || !queue.offer(task)) {
            throw new HubException(ErrorCode.LIMIT_REACHED, "Session \"" + sessionId + "\" already has " + capacity
                    + " commands waiting; wait for some to finish before sending more.", Map.of("queueCapacity", capacity));
        }
        if (terminated.isDone() && queue.remove(task)) {
            task.future.completeExceptionally(unavailable("the session's browser was stopped"));
        }
        return task.future;
    }

    /** Stops after the commands already queued have run. */
    void requestStop() {
        stopRequested = true;
    }

    /** Stops after the current command; queued commands fail. For hub shutdown. */
    void abandon() {
        abandon = true;
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** Takes no new commands: stopping, crashed, or gone. The next command goes to a new actor. */
    boolean retired() {
        return stopRequested || crashCause != null || terminated.isDone();
    }

    CompletableFuture<Void> terminated() {
        return terminated;
    }

    List<TabInfo> tabs() {
        return tabSnapshot;
    }

    int queueDepth() {
        return queue.size();
    }

    Optional<ProcessHandle> browserProcess() {
        return browserProcess;
    }

    /** Called from any thread when the browser or driver is seen dying. */
    void markCrashed(String cause) {
        if (crashCause == null && !closing) {
            crashCause = cause;
        }
    }

    private void run() {
        try {
            progress.step("waiting for the previous browser to close");
            predecessor.handle((r, e) -> null).join();
            launch();
            progress.done();
        } catch (Throwable e) {
            String cause = describeLaunchFailure(e);
            LOG.errorf("Session %s could not start: %s", sessionId, LogText.escape(cause));
            failQueued(unavailable("the browser could not start: " + cause));
            closeQuietly();
            listener.ended(true, cause);
            terminated.complete(null);
            return;
        }
        try {
            listener.running();
            loop();
        } catch (Throwable e) {
            // e.toString(), not getMessage(): a null cause would not count as a crash, and shutdown would touch the wreck
            markCrashed(e.toString());
            LOG.errorf(LogText.safe(e), "Session %s actor failed", sessionId);
        }
        shutdown();
    }

    private void launch() {
        launched = launcher.launch(settings, progress::step);
        BrowserContext context = launched.context();
        browserProcess = findBrowserProcess();
        browserProcess.ifPresent(p -> {
            p.onExit().thenRun(() -> markCrashed("Chromium exited"));
            p.parent().ifPresent(driver -> driver.onExit().thenRun(() -> markCrashed("the Playwright driver exited")));
        });
        dialogs = new Dialogs(sessionId, events, this, dialogTimeout);
        screencasts = new Screencasts(context);
        pageEvents = new PageEvents(sessionId, events, tabs, context, settings.downloads());
        live = new LiveSession(sessionId, paths, tabs, dialogs, screencasts, context, this);
        context.onPage(this::adopt);
        context.onClose(c -> markCrashed("the browser closed"));
        for (Page page : context.pages()) {
            adopt(page);
        }
        progress.step("reopening " + restoreTabs.size() + " tabs");
        restore(context);
        refreshTabs(true);
        LOG.debugf("Session %s: browser pid %s", sessionId, browserProcess.map(p -> String.valueOf(p.pid())).orElse("?"));
    }

    private void restore(BrowserContext context) {
        List<SavedTab> saved = restoreTabs.stream().filter(t -> t.url() != null && !t.url().isBlank()).toList();
        String activeId = null;
        for (int i = 0; i < saved.size(); i++) {
            SavedTab tab = saved.get(i);
            Page page = i == 0 && !tabs.isEmpty() ? tabs.page(null) : context.newPage();
            String id = adopt(page);
            if (tab.active()) {
                activeId = id;
            }
            if (!"about:blank".equals(tab.url())) {
                try {
                    page.navigate(tab.url(), new Page.NavigateOptions().setWaitUntil(WaitUntilState.DOMCONTENTLOADED));
                } catch (PlaywrightException e) {
                    LOG.warnf("Session %s: could not reopen %s: %s", sessionId, LogText.escape(tab.url()), LogText.escape(firstLine(e.getMessage())));
                }
            }
        }
        if (tabs.isEmpty()) {
            adopt(context.newPage());
        }
        if (activeId != null && tabs.all().containsKey(activeId)) {
            tabs.activate(activeId);
        }
    }

    String adopt(Page page) {
        String known = tabs.idOf(page);
        if (known != null) {
            return known;
        }
        String id = tabs.add(page);
        tabsDirty = true;
        page.onClose(p -> {
            screencasts.tabClosed(p);
            String closed = tabs.remove(p);
            if (closed != null) {
                tabsDirty = true;
                events.emit(sessionId, "tab.closed", closed, Map.of());
            }
        });
        page.onFrameNavigated(frame -> {
            if (frame.parentFrame() == null) {
                tabsDirty = true;
                events.emit(sessionId, "page.navigated", tabs.idOf(page), Map.of("url", frame.url()));
            }
        });
        page.onLoad(p -> {
            tabsDirty = true;
            events.emit(sessionId, "page.load", tabs.idOf(page), Map.of("url", p.url()));
        });
        page.onDialog(dialog -> dialogs.onDialog(dialog, tabs.idOf(page)));
        pageEvents.attach(page);
        events.emit(sessionId, "tab.opened", id, Map.of("url", page.url()));
        return id;
    }

    private void loop() {
        long hotUntil = 0;
        while (crashCause == null) {
            Task<?> task = queue.poll();
            if (task == null) {
                if (stopRequested) {
                    // the flag is written after any command routed here was queued: look once more
                    task = queue.poll();
                    if (task == null) {
                        return;
                    }
                }
            }
            if (task == null) {
                long now = System.nanoTime();
                if (now < hotUntil) {
                    try {
                        task = queue.poll(hotUntil - now, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                } else if (titlesStale) {
                    // the client paused: reading every tab's title (a driver round trip each) now delays no command
                    titlesStale = false;
                    tabsDirty = true;
                } else {
                    pump(() -> !queue.isEmpty() || stopRequested, PUMP_SLICE_NANOS);
                }
            }
            if (task != null) {
                if (abandon) {
                    task.future.completeExceptionally(unavailable("the hub is shutting down"));
                    continue;
                }
                execute(task);
                hotUntil = System.nanoTime() + HOT_NANOS;
            }
            refreshTabs(false);
            if (crashCause == null) {
                pageEvents.housekeeping();
            }
        }
    }

    /** Lets Playwright deliver events until {@code done}, a crash, or the time slice ends. */
    private void pump(BooleanSupplier done, long sliceNanos) {
        long deadline = System.nanoTime() + sliceNanos;
        try {
            launched.context().waitForCondition(
                    () -> done.getAsBoolean() || crashCause != null || System.nanoTime() > deadline,
                    new BrowserContext.WaitForConditionOptions().setTimeout(TimeUnit.NANOSECONDS.toMillis(sliceNanos) + 5_000));
        } catch (PlaywrightException e) {
            markCrashed(firstLine(e.getMessage()));
        }
    }

    /**
     * Runs interrupting tasks (dialog answers) while the current command is blocked on the page, until
     * {@code done} or the timeout. Called from inside Playwright callbacks on the actor thread.
     */
    void serveInterrupts(BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean() && crashCause == null && !abandon && System.nanoTime() < deadline) {
            Task<?> interrupt = takeInterrupt();
            if (interrupt != null) {
                execute(interrupt);
                continue;
            }
            pump(() -> done.getAsBoolean() || hasInterrupt() || abandon, Math.min(PUMP_SLICE_NANOS, deadline - System.nanoTime()));
        }
    }

    private boolean hasInterrupt() {
        for (Task<?> t : queue) {
            if (t.interrupting) {
                return true;
            }
        }
        return false;
    }

    private Task<?> takeInterrupt() {
        for (Iterator<Task<?>> it = queue.iterator(); it.hasNext(); ) {
            Task<?> t = it.next();
            if (t.interrupting) {
                it.remove();
                return t;
            }
        }
        return null;
    }

    private <T> void execute(Task<T> task) {
        if (task.future.isDone()) {
            return;
        }
        Task<?> outer = current;
        long outerStarted = currentStartedNanos;
        currentStartedNanos = System.nanoTime();
        current = task;
        try {
            task.future.complete(task.work.run(live));
        } catch (Throwable e) {
            task.future.completeExceptionally(classify(e));
        } finally {
            current = outer;
            currentStartedNanos = outerStarted;
        }
    }

    private boolean ready() {
        return live != null;
    }

    /** True while a command runs or waits in the queue. */
    boolean busy() {
        return current != null || !queue.isEmpty();
    }

    /**
     * Called by the watchdog (any thread). A command past its limit means the page is stuck, e.g. in an
     * endless script that no Playwright timeout can stop: the caller gets TIMEOUT now, and the browser is
     * ended so the actor thread comes free; the next command starts it again.
     */
    void checkStuck(long nowNanos) {
        if (!ready()) {
            progress.reportIfSlow(nowNanos);
            return;
        }
        Task<?> task = current;
        if (task == null || task.limitMs <= 0 || crashCause != null) {
            return;
        }
        long ranMs = TimeUnit.NANOSECONDS.toMillis(nowNanos - currentStartedNanos);
        if (ranMs <= task.limitMs) {
            return;
        }
        // retire this actor before answering, so the caller's next command already goes to a fresh browser
        markCrashed("a command got stuck in the page for " + ranMs + " ms");
        task.future.completeExceptionally(new HubException(ErrorCode.TIMEOUT, "The command ran " + ranMs
                + " ms, past its limit: the page is stuck (a script that never returns?). Session \"" + sessionId
                + "\" restarts its browser on the next command, on the same profile.", Map.of("ranMs", ranMs)));
        LOG.warnf("Session %s: a command is stuck after %d ms; ending its browser", sessionId, ranMs);
        browserProcess.ifPresent(p -> ProcessTrees.end(p, 2, TimeUnit.SECONDS));
    }

    /** A failure caused by the browser dying is SESSION_UNAVAILABLE, whatever Playwright called it. */
    private Throwable classify(Throwable e) {
        if (crashCause == null && !browserAlive()) {
            markCrashed("the browser process ended");
        }
        if (crashCause != null) {
            return unavailable("the browser crashed during the command (" + crashCause + "); the next command restarts it");
        }
        return e;
    }

    private boolean browserAlive() {
        return browserProcess.map(ProcessHandle::isAlive).orElse(true)
                && browserProcess.flatMap(ProcessHandle::parent).map(ProcessHandle::isAlive).orElse(true);
    }

    private void refreshTabs(boolean force) {
        long now = System.nanoTime();
        if (!force && !tabsDirty && now - lastTitleRefresh < TITLE_REFRESH_NANOS) {
            return;
        }
        if (crashCause != null || launched == null) {
            return;
        }
        tabsDirty = false;
        lastTitleRefresh = now;
        if (!tabs.isEmpty()) {
            screencasts.activeTabIs(tabs.page(null), tabs.active());
        }
        List<TabInfo> infos = new ArrayList<>();
        List<SavedTab> saved = new ArrayList<>();
        try {
            for (Map.Entry<String, Page> e : tabs.all().entrySet()) {
                Page page = e.getValue();
                String title = page.isClosed() ? "" : page.title();
                boolean active = e.getKey().equals(tabs.active());
                infos.add(new TabInfo(e.getKey(), page.url(), title, active));
                saved.add(new SavedTab(page.url(), title, active));
            }
        } catch (PlaywrightException e) {
            tabsDirty = true;
            return;
        }
        if (!infos.equals(tabSnapshot)) {
            tabSnapshot = List.copyOf(infos);
            listener.tabsChanged(saved, tabSnapshot);
        }
    }

    /** Marks the tab list as changed, so it is refreshed and saved after the current command. */
    void tabsChanged() {
        tabsDirty = true;
    }

    /**
     * After a command that may have changed a title or URL without an event (evaluate, input): refreshed once
     * the session's clients pause for the hot window, or by the periodic refresh, not after every command, so
     * that a client sending commands back to back does not wait for a title round trip between each.
     */
    void titlesMayHaveChanged() {
        titlesStale = true;
    }

    private void shutdown() {
        boolean crashed = crashCause != null;
        if (!crashed) {
            refreshTabs(true);
        }
        closing = true;
        if (screencasts != null) {
            screencasts.endAll(crashed ? "the browser crashed: " + crashCause : "the session stopped");
        }
        failQueued(crashed ? unavailable("the browser crashed (" + crashCause + "); send the command again to restart it")
                : unavailable("the session was stopped while this command waited; send it again to resume the session"));
        closeQuietly();
        failQueued(unavailable("the session was stopped"));
        listener.ended(crashed, crashCause);
        terminated.complete(null);
        LOG.infof("Session %s %s", sessionId, crashed ? "crashed: " + LogText.escape(crashCause) : "stopped");
    }

    private void closeQuietly() {
        closing = true;
        if (launched == null) {
            return;
        }
        try {
            if (crashCause == null) {
                launched.context().close();
            }
        } catch (RuntimeException e) {
            LOG.debugf("Session %s: closing the context: %s", sessionId, e.getMessage());
        }
        try {
            launched.playwright().close();
        } catch (RuntimeException e) {
            LOG.debugf("Session %s: closing Playwright: %s", sessionId, e.getMessage());
        }
        // a crashed or wedged browser may survive its driver: end whatever is left of it
        browserProcess.filter(ProcessHandle::isAlive).ifPresent(p -> ProcessTrees.end(p, 3, TimeUnit.SECONDS));
    }

    private void failQueued(HubException error) {
        Task<?> t;
        while ((t = queue.poll()) != null) {
            t.future.completeExceptionally(error);
        }
    }

    private HubException unavailable(String why) {
        return new HubException(ErrorCode.SESSION_UNAVAILABLE, "Session \"" + sessionId + "\" is unavailable: " + why + ".");
    }

    private Optional<ProcessHandle> findBrowserProcess() {
        String needle = "--user-data-dir=" + settings.profile().toAbsolutePath();
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(needle) && !c.contains("--type=")).orElse(false))
                .findFirst();
    }

    private String describeLaunchFailure(Throwable e) {
        String message = LaunchFailure.explain(PlaywrightMessage.of(e).firstLine(), settings.profile());
        if (launcher.executable().isEmpty()) {
            return message + " (no Chromium found: install chromium or set browserhub.browser.executable)";
        }
        return message;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
