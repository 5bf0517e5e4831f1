package io.armada.counters;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The change counters (SPEC §9): persistent numbers that only go up. A client polls them to learn that a block list
 * changed and must be read again. Every increment is atomic in the database and durable when the call returns, also
 * with several servers on one database and many concurrent callers.
 *
 * @since 1.0
 */
@ProviderType
public interface CounterService {

    /**
     * Adds one to a counter and waits until that is committed.
     *
     * @param counter the counter; never {@code null}
     * @return the counter's value right after this increment
     * @throws io.armada.core.ApiException UNAVAILABLE when the service is stopping or the database does not answer
     *         in time
     * @throws RuntimeException (a {@code javax.persistence.PersistenceException}) when the database refuses the
     *         write
     * @since 1.0
     */
    long increment(Counter counter);

    /**
     * The current value of a counter; 0 for a counter never incremented.
     *
     * @param counter the counter; never {@code null}
     * @return its committed value
     * @since 1.0
     */
    long value(Counter counter);

    /**
     * The current values of all counters, in the order of {@link Counter#values()}; 0 for those never incremented.
     *
     * @return an unmodifiable map with every counter as a key
     * @since 1.0
     */
    Map<Counter, Long> values();
}
