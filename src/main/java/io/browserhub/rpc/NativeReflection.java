package io.browserhub.rpc;

import io.browserhub.live.EventEnvelope;
import io.browserhub.session.SavedTab;
import io.browserhub.session.SessionInfo;
import io.browserhub.session.SessionOptions;
import io.browserhub.session.SessionRecord;
import io.browserhub.session.SessionState;
import io.browserhub.session.TabInfo;
import io.browserhub.session.Viewport;
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
import io.browserhub.session.event.StateChanged;
import io.browserhub.session.event.TabClosed;
import io.browserhub.session.event.TabOpened;
import io.browserhub.session.event.TabRestoreSkipped;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The records Jackson writes and reads outside REST resource signatures (JSON-RPC results, events, session.json):
 * a native image only keeps their accessors when they are registered. JVM builds ignore this.
 */
@RegisterForReflection(targets = {
    SessionInfo.class, SessionInfo.Controller.class, TabInfo.class, Viewport.class, SessionState.class,
    SessionRecord.class, SessionOptions.class, SavedTab.class, EventEnvelope.class,
    StateChanged.class, ControlChanged.class, ControlChanged.ClientRef.class, CommandDone.class, CommandDone.Who.class,
    Navigated.class, Loaded.class, ConsoleMessage.class, PageError.class, DialogOpened.class, DialogClosed.class,
    DownloadStarted.class, DownloadSaved.class, DownloadFailed.class, TabOpened.class, TabClosed.class, TabRestoreSkipped.class,
    NetworkRequest.class, NetworkResponse.class, NetworkFailed.class,
})
public final class NativeReflection {

    private NativeReflection() {
    }
}
