package io.armada.monitor.internal;

/**
 * Writes the Prometheus text exposition format (version 0.0.4): one {@code # HELP}/{@code # TYPE} pair per
 * family, then its samples, label values escaped.
 */
final class MetricsText {
    private final StringBuilder b;

    MetricsText(int capacity) {
        this.b = new StringBuilder(capacity);
    }

    /** Starts a family. */
    MetricsText family(String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    MetricsText sample(String name, double value, String... labels) {
        b.append(name);
        appendLabels(labels);
        b.append(' ');
        appendValue(value);
        b.append('\n');
        return this;
    }

    MetricsText sample(String name, long value, String... labels) {
        b.append(name);
        appendLabels(labels);
        b.append(' ').append(value).append('\n');
        return this;
    }

    private void appendLabels(String[] labels) {
        if (labels.length == 0) {
            return;
        }
        b.append('{');
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (i > 0) {
                b.append(',');
            }
            b.append(labels[i]).append("=\"");
            escape(labels[i + 1]);
            b.append('"');
        }
        b.append('}');
    }

    private void escape(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
    }

    private void appendValue(double v) {
        if (Double.isNaN(v)) {
            b.append("NaN");
        } else if (Double.isInfinite(v)) {
            b.append(v > 0 ? "+Inf" : "-Inf");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            b.append((long) v);
        } else {
            b.append(v);
        }
    }

    /** Appends another page's text (a collector's families, written apart so a failing one leaves nothing). */
    MetricsText append(MetricsText other) {
        b.append(other.b);
        return this;
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
