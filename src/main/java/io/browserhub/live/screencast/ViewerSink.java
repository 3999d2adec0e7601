package io.browserhub.live.screencast;

import io.browserhub.live.Notification;
import java.util.concurrent.CompletionStage;

/** How frames reach one connection: asynchronous sends that never block the caller. */
public interface ViewerSink {

    /** A binary screencast message (PROTOCOL.md's layout). */
    CompletionStage<?> binary(byte[] message);

    /** A notification (a frame for a text viewer, screencast.ended), framed by the transport. */
    CompletionStage<?> notify(Notification notification);
}
