package io.browserhub.session;

/** Receives a session's screencast; called on the actor thread, so it must hand frames off and return. */
public interface FrameListener {

    void frame(Frame frame);

    /** The screencast ended because the browser stopped or crashed; viewers must start it again. */
    void ended(String reason);
}
