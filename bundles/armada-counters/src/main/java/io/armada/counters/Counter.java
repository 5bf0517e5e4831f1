package io.armada.counters;

import java.util.Optional;

/**
 * The change counters of the egg panel (seed 004). Each one is named on the wire by its {@link #field()}, the column
 * name the original used ({@code counter_for_domain}, {@code counter_for_process}).
 *
 * @since 1.0
 */
public enum Counter {
    /** Changes to the domain block list. */
    COUNTER_FOR_DOMAIN("counter_for_domain"),
    /** Changes to the process block list. */
    COUNTER_FOR_PROCESS("counter_for_process");

    private final String field;

    Counter(String field) {
        this.field = field;
    }

    /**
     * The counter's name on the wire and in the database.
     *
     * @return e.g. {@code counter_for_domain}
     * @since 1.0
     */
    public String field() {
        return field;
    }

    /**
     * The counter a wire name stands for. Exact match only: the original's clients send the column name as is.
     *
     * @param field the name from a request; may be {@code null}
     * @return the counter, or empty for {@code null} or an unknown name
     * @since 1.0
     */
    public static Optional<Counter> ofField(String field) {
        for (Counter c : values()) {
            if (c.field.equals(field)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
