package io.browserhub.mcp;

/** A tool refused because a dialog holds the page; carries the reply that says so (Playwright MCP's modal state). */
final class ModalState extends RuntimeException {

    private final transient Reply reply;

    ModalState(Reply reply) {
        super("a dialog holds the page", null, false, false);
        this.reply = reply;
    }

    Reply reply() {
        return reply;
    }
}
