package io.browserhub.live.screencast;

import java.util.concurrent.CompletionStage;

/** How frames reach one connection: asynchronous sends that never block the caller. */
public interface ViewerSink {

    CompletionStage<?> binary(byte[] message);

    CompletionStage<?> text(String message);
}
