package io.browserhub.live;

import java.util.concurrent.CompletionStage;

/** A connection's way out for server-to-client notifications; the transport behind one client frames them. */
@FunctionalInterface
public interface NotificationSink {

    /** Hands one notification to the transport; completes when it has been written (or failed). */
    CompletionStage<?> send(Notification notification);
}
