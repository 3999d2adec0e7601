package io.browserhub.command;

import java.util.List;

/**
 * Console message types by severity, as Playwright MCP's level filter has them: error, warning, info, debug,
 * each level including the more severe ones. Every type the browser reports falls into one of the four.
 */
final class ConsoleLevels {

    static final List<String> NAMES = List.of("error", "warning", "info", "debug");

    private ConsoleLevels() {
    }

    /** 0 for error ... 3 for debug. */
    static int rank(String level) {
        return NAMES.indexOf(level);
    }

    /** The level of a console message type (log, info, warning, error, assert, debug, trace, ...). */
    static int rankOf(String type) {
        return switch (type) {
            case "error", "assert" -> 0;
            case "warning" -> 1;
            case "debug", "trace" -> 3;
            default -> 2;
        };
    }
}
