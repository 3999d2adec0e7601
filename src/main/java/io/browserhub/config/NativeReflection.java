package io.browserhub.config;

import io.browserhub.live.SessionEvent;
import io.browserhub.session.SavedTab;
import io.browserhub.session.SessionInfo;
import io.browserhub.session.SessionOptions;
import io.browserhub.session.SessionRecord;
import io.browserhub.session.SessionState;
import io.browserhub.session.TabInfo;
import io.browserhub.session.Viewport;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The records Jackson writes and reads outside REST resource signatures (JSON-RPC results, session.json):
 * a native image only keeps their accessors when they are registered. JVM builds ignore this.
 */
@RegisterForReflection(targets = {
    SessionInfo.class, SessionInfo.Controller.class, TabInfo.class, Viewport.class, SessionState.class,
    SessionRecord.class, SessionOptions.class, SavedTab.class, SessionEvent.class,
})
public final class NativeReflection {

    private NativeReflection() {
    }
}
