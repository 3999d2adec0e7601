package io.browserhub.live;

import java.util.concurrent.CompletionStage;

/** A connection's way out for server-to-client notifications; the transport behind one client. */
@FunctionalInterface
public interface NotificationSink {

    /** Hands one text message to the transport; completes when it has been written (or failed). */
    CompletionStage<?> send(String text);
}
