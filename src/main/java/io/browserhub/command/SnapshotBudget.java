package io.browserhub.command;

/** Fits an ARIA snapshot into an agent's budget: whole lines only, so what is kept still parses as YAML. */
final class SnapshotBudget {

    private SnapshotBudget() {
    }

    /** The snapshot itself when it fits, else its longest prefix of whole lines within maxChars (possibly empty). */
    static String cut(String snapshot, int maxChars) {
        if (snapshot.length() <= maxChars) {
            return snapshot;
        }
        int end = snapshot.lastIndexOf('\n', maxChars);
        return end < 0 ? "" : snapshot.substring(0, end);
    }
}
