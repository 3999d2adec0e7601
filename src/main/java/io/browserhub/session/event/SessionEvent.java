package io.browserhub.session.event;

/**
 * Something that happened in a session, as plain Java: page events from the browser, lifecycle changes, control
 * changes, finished commands. The core emits these; the wire names ("page.console", ...) and the JSON are made in
 * one place at the edge (live/EventKinds), never here. Each record's components are exactly the event's data.
 */
public sealed interface SessionEvent permits
        StateChanged, ControlChanged, CommandDone,
        Navigated, Loaded, ConsoleMessage, PageError,
        DialogOpened, DialogClosed,
        DownloadStarted, DownloadSaved, DownloadFailed,
        TabOpened, TabClosed, TabRestoreSkipped,
        NetworkRequest, NetworkResponse, NetworkFailed,
        Screenshot {
}
