package io.armada.counters.internal;

import java.util.Map;

/**
 * Where counter values are kept. Each call is one committed transaction.
 */
public interface CounterDao {

    /**
     * Adds {@code n} to the counter {@code name} atomically (an {@code UPDATE ... SET value = value + n}, so
     * concurrent writers, also from other servers, never lose an increment), creating it with value {@code n} when
     * it does not exist yet.
     *
     * @param name the counter's field name
     * @param n how much to add, at least 1
     * @return the value after the addition, as committed
     */
    long add(String name, long n);

    /**
     * The committed values of all counters that exist.
     *
     * @return name to value; counters never incremented are absent
     */
    Map<String, Long> values();
}
