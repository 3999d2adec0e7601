package io.browserhub.activity;

import io.browserhub.config.HubConfig;
import io.browserhub.error.ErrorCode;
import io.browserhub.error.HubException;
import io.browserhub.observability.LingeringWorker;
import io.browserhub.observability.LogText;
import io.browserhub.session.Session;
import io.browserhub.session.SessionRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The activity logs of every session (DESIGN.md: who did what, when, how long, what outcome; page events).
 * Sessions hand lines over and return at once; one writer thread per hub appends them in batches, rotates
 * files at the size limit, and drains its queue on a clean shutdown.
 */
@ApplicationScoped
public class ActivityLog {

    private static final Logger LOG = Logger.getLogger(ActivityLog.class);

    private sealed interface Item permits Line, Flush {
    }

    private record Line(Session owner, String json) implements Item {
    }

    private record Flush(CompletableFuture<Void> done) implements Item {
    }

    private final SessionRegistry sessions;
    private final long maxBytes;
    private final int keep;
    /** Lines reach the disk within a few milliseconds, in batches: a command never waits for a write, nor wakes the writer. */
    private final LingeringWorker<Item> writer;
    private final ExecutorService readers;
    private final AtomicLong lost = new AtomicLong();
    /** Rotation renames files: readers open theirs while holding this, writes hold it too. */
    private final Object files = new Object();

    public ActivityLog(SessionRegistry sessions, HubConfig config) {
        this.sessions = sessions;
        this.maxBytes = Math.max(1024, config.activity().maxFileSize().asLongValue());
        this.keep = Math.max(0, config.activity().keepFiles());
        this.writer = new LingeringWorker<>("activity-writer", Math.max(16, config.activity().queueCapacity()), this::write);
        this.readers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "activity-reader");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues one JSON line for the session's log; never blocks. A full queue loses the line, and says so. */
    public void append(Session owner, String json) {
        if (writer.stopped() || writer.offer(new Line(owner, json))) {
            return;
        }
        long n = lost.incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
            LOG.warnf("The activity log cannot keep up: %d entries lost so far (browserhub.activity.queue-capacity)", n);
        }
    }

    /** The seq of an activity log line, read from its start; -1 when the line is not an entry. */
    public static long seqOf(String line) {
        return ActivityFiles.seqOf(line);
    }

    /** The highest seq in the session's log on disk; 0 when it is empty. Reads the file tails. */
    public long lastSeq(Session session) {
        try {
            synchronized (files) {
                return files(session).lastSeq();
            }
        } catch (IOException e) {
            LOG.warnf("Cannot read the end of %s: %s", session.paths().activityLog(), e.getMessage());
            return 0;
        }
    }

    /** Completes once every line queued before this call is on disk. */
    public CompletableFuture<Void> flushed() {
        Flush flush = new Flush(new CompletableFuture<>());
        if (!writer.offerUrgent(flush)) {
            flush.done().complete(null);
        }
        return flush.done();
    }

    /** Up to limit lines with seq >= sinceSeq, oldest first, including everything queued before the call. */
    public CompletableFuture<List<String>> read(Session session, long sinceSeq, int limit) {
        return flushed().thenApplyAsync(x -> {
            try {
                return ActivityFiles.page(open(session), sinceSeq, limit);
            } catch (IOException e) {
                throw new HubException(ErrorCode.INTERNAL_ERROR, "Cannot read the activity log of session \""
                        + session.id() + "\": " + e.getMessage());
            }
        }, readers);
    }

    /** Every file of the session's log, oldest first, opened at once; the caller closes them. */
    public List<InputStream> openAll(Session session) {
        try {
            flushed().get(10, TimeUnit.SECONDS);
            return open(session);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new HubException(ErrorCode.INTERNAL_ERROR, "The activity log of session \"" + session.id()
                    + "\" could not be flushed: " + e.getMessage());
        }
    }

    private List<InputStream> open(Session session) throws IOException {
        synchronized (files) {
            return files(session).openAll();
        }
    }

    private ActivityFiles files(Session session) {
        return new ActivityFiles(session.paths().activityLog(), maxBytes, keep);
    }

    /** One batch, on the writer thread: each session's lines in one append, then the flushes waiting for them. */
    private void write(List<Item> batch) {
        Map<Session, List<String>> lines = new IdentityHashMap<>();
        List<Session> order = new ArrayList<>();
        List<CompletableFuture<Void>> flushes = new ArrayList<>();
        for (Item item : batch) {
            if (item instanceof Line line) {
                lines.computeIfAbsent(line.owner(), s -> {
                    order.add(s);
                    return new ArrayList<>();
                }).add(line.json());
            } else if (item instanceof Flush flush) {
                flushes.add(flush.done());
            }
        }
        for (Session session : order) {
            write(session, lines.get(session));
        }
        flushes.forEach(f -> f.complete(null));
    }

    private void write(Session session, List<String> lines) {
        // a deleted session's directory is gone for good: never bring it back by writing into it (appending never
        // creates it, and says NoSuchFileException when it is gone)
        if (sessions.find(session.id()).orElse(null) != session) {
            return;
        }
        try {
            synchronized (files) {
                files(session).append(lines);
            }
        } catch (NoSuchFileException e) {
            LOG.debugf("Session %s: its directory is gone, %d activity lines dropped", LogText.escape(session.id()), lines.size());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Cannot append to %s: %s", session.paths().activityLog(), e.getMessage());
        }
    }

    @PreDestroy
    void drain() {
        // queued before this: everything still waiting is written, then the writer ends
        writer.stop(Duration.ofSeconds(10));
        readers.shutdownNow();
        if (lost.get() > 0) {
            LOG.warnf("%d activity log entries were lost while the writer could not keep up", lost.get());
        }
    }
}
