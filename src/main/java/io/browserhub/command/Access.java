package io.browserhub.command;

/** What a method does to a session, which decides who may call it while someone holds control. */
public enum Access {
    /** Hub-level, no session involved. */
    HUB,
    /** Manages sessions (create, stop, delete). */
    MANAGE,
    /** Changes the page: only the controller, when there is one. */
    DRIVE,
    /** Only looks: open to every client. */
    READ
}
