package io.browserhub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one result table: every measured value with its ratio to the baseline measured in the same run.
 * Ratios are value / baseline, so for times and memory below 1 is better, for rates above 1 is better.
 */
final class Table {

    private record Row(String section, String what, String median, String p95, String ratioMedian, String ratioP95) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** A baseline row: ratio 1.00 by definition. */
    void baseline(String section, String what, Stats s, String unit) {
        rows.add(new Row(section, what + " **(baseline)**", fmt(s.median(), unit), fmt(s.p95(), unit), "1.00", "1.00"));
    }

    /** The baseline of {@link #rowDelta} rows. */
    void baselineDelta(String section, String what, Stats s, String unit) {
        rows.add(new Row(section, what + " **(baseline)**", fmt(s.median(), unit), fmt(s.p95(), unit), "±0", "±0"));
    }

    void row(String section, String what, Stats s, Stats baseline, String unit) {
        rows.add(new Row(section, what, fmt(s.median(), unit), fmt(s.p95(), unit),
                ratio(s.median(), baseline == null ? Double.NaN : baseline.median()),
                ratio(s.p95(), baseline == null ? Double.NaN : baseline.p95())));
    }

    /**
     * A row whose baseline comparison is a difference, not a ratio: for values whose zero is not meaningful,
     * such as a latency measured against Chromium's own clock (which can be ahead of the system clock).
     */
    void rowDelta(String section, String what, Stats s, Stats baseline, String unit) {
        rows.add(new Row(section, what, fmt(s.median(), unit), fmt(s.p95(), unit),
                delta(s.median() - baseline.median(), unit), delta(s.p95() - baseline.p95(), unit)));
    }

    private static String delta(double d, String unit) {
        return (d >= 0 ? "+" : "") + fmt(d, unit);
    }

    /** A row with one value (no distribution), e.g. a memory total or a rate over the whole run. */
    void single(String section, String what, double value, double baseline, String unit) {
        rows.add(new Row(section, what, fmt(value, unit), "", ratio(value, baseline), ""));
    }

    void singleBaseline(String section, String what, double value, String unit) {
        rows.add(new Row(section, what + " **(baseline)**", fmt(value, unit), "", "1.00", ""));
    }

    /** A row whose measurement could not be made; the table still prints. */
    void failed(String section, String what, Throwable why) {
        String message = String.valueOf(why.getMessage()).lines().findFirst().orElse(why.getClass().getSimpleName());
        rows.add(new Row(section, what + ": **failed** (" + why.getClass().getSimpleName() + ": "
                + message.replace("|", "/") + ")", "", "", "", ""));
    }

    boolean hasFailures() {
        return rows.stream().anyMatch(r -> r.what.contains("**failed**"));
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| # | measurement | median | p95 | median × baseline | p95 × baseline |\n");
        out.append("|---|---|---:|---:|---:|---:|\n");
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(java.util.Comparator.comparing(Row::section)); // stable: rows keep their order within a section
        for (Row r : sorted) {
            out.append("| ").append(r.section).append(" | ").append(r.what).append(" | ").append(r.median).append(" | ")
                    .append(r.p95).append(" | ").append(r.ratioMedian).append(" | ").append(r.ratioP95).append(" |\n");
        }
        return out.toString();
    }

    private static String ratio(double value, double baseline) {
        if (Double.isNaN(value) || Double.isNaN(baseline) || baseline == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f", value / baseline);
    }

    static String fmt(double value, String unit) {
        if (Double.isNaN(value)) {
            return "";
        }
        String number;
        double abs = Math.abs(value);
        if (abs >= 100) {
            number = String.format(Locale.ROOT, "%.0f", value);
        } else if (abs >= 10) {
            number = String.format(Locale.ROOT, "%.1f", value);
        } else {
            number = String.format(Locale.ROOT, "%.2f", value);
        }
        return unit.isEmpty() ? number : number + " " + unit;
    }
}
