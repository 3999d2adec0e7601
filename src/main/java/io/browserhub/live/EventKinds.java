package io.browserhub.live;

import io.browserhub.error.HubException;
import io.browserhub.session.event.CommandDone;
import io.browserhub.session.event.ConsoleMessage;
import io.browserhub.session.event.ControlChanged;
import io.browserhub.session.event.DialogClosed;
import io.browserhub.session.event.DialogOpened;
import io.browserhub.session.event.DownloadFailed;
import io.browserhub.session.event.DownloadSaved;
import io.browserhub.session.event.DownloadStarted;
import io.browserhub.session.event.Loaded;
import io.browserhub.session.event.Navigated;
import io.browserhub.session.event.NetworkFailed;
import io.browserhub.session.event.NetworkRequest;
import io.browserhub.session.event.NetworkResponse;
import io.browserhub.session.event.PageError;
import io.browserhub.session.event.Screenshot;
import io.browserhub.session.event.SessionEvent;
import io.browserhub.session.event.StateChanged;
import io.browserhub.session.event.TabClosed;
import io.browserhub.session.event.TabOpened;
import io.browserhub.session.event.TabRestoreSkipped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire names of session events, in one place: each record of {@link SessionEvent} has exactly one kind. Also
 * which kinds a subscriber wants. A kind given to events.subscribe matches itself and every kind under it:
 * "page.dialog" also brings "page.dialog.closed", "network" brings all three network kinds. Without kinds a
 * subscriber gets everything except network traffic, which must be asked for by name because listening to it costs
 * the browser work. The dashboard's list (webui/src/protocol.ts) is checked against {@link #KNOWN} by a test.
 */
public record EventKinds(List<String> prefixes) {

    private static final Map<Class<? extends SessionEvent>, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put(StateChanged.class, "session.state");
        NAMES.put(ControlChanged.class, "control.changed");
        NAMES.put(CommandDone.class, "command");
        NAMES.put(Navigated.class, "page.navigated");
        NAMES.put(Loaded.class, "page.load");
        NAMES.put(ConsoleMessage.class, "page.console");
        NAMES.put(PageError.class, "page.error");
        NAMES.put(DialogOpened.class, "page.dialog");
        NAMES.put(DialogClosed.class, "page.dialog.closed");
        NAMES.put(DownloadStarted.class, "page.download");
        NAMES.put(DownloadSaved.class, "page.download.saved");
        NAMES.put(DownloadFailed.class, "page.download.failed");
        NAMES.put(TabOpened.class, "tab.opened");
        NAMES.put(TabClosed.class, "tab.closed");
        NAMES.put(TabRestoreSkipped.class, "tab.restore.skipped");
        NAMES.put(NetworkRequest.class, "network.request");
        NAMES.put(NetworkResponse.class, "network.response");
        NAMES.put(NetworkFailed.class, "network.failed");
        NAMES.put(Screenshot.class, "screenshot");
    }

    /** Every kind the hub emits. */
    public static final List<String> KNOWN = List.copyOf(NAMES.values());

    private static final String NETWORK = "network";

    /** The wire name of an event. */
    public static String of(SessionEvent event) {
        String name = NAMES.get(event.getClass());
        if (name == null) {
            throw new IllegalStateException("No wire name for " + event.getClass().getName() + ": add it to EventKinds");
        }
        return name;
    }

    public static EventKinds all() {
        return new EventKinds(List.of());
    }

    /** INVALID_PARAMS for a kind that names nothing the hub emits. */
    public static EventKinds of(List<String> kinds) {
        for (String kind : kinds) {
            if (KNOWN.stream().noneMatch(known -> under(known, kind))) {
                throw HubException.invalidParams("Unknown event kind \"" + kind + "\"; kinds are " + KNOWN
                        + " (a prefix such as \"page\" or \"network\" takes every kind under it).");
            }
        }
        return new EventKinds(List.copyOf(kinds));
    }

    public boolean matches(String kind) {
        if (prefixes.isEmpty()) {
            return !under(kind, NETWORK);
        }
        for (String prefix : prefixes) {
            if (under(kind, prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some kind under {@code kind} (or above it) would be delivered. */
    public boolean overlaps(String kind) {
        if (prefixes.isEmpty()) {
            return !under(kind, NETWORK);
        }
        for (String prefix : prefixes) {
            if (under(kind, prefix) || under(prefix, kind)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this subscription brings network events. */
    public boolean wantsNetwork() {
        return overlaps(NETWORK);
    }

    private static boolean under(String kind, String prefix) {
        return kind.equals(prefix) || kind.startsWith(prefix + ".");
    }
}
