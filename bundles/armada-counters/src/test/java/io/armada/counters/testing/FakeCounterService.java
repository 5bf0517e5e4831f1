package io.armada.counters.testing;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.armada.counters.Counter;
import io.armada.counters.CounterService;

/** The counters in memory, for the tests of areas that count (block lists) and of the counters' own resources. */
public final class FakeCounterService implements CounterService {
    private final Map<Counter, Long> values = new EnumMap<>(Counter.class);
    private final AtomicInteger failures;

    public FakeCounterService() {
        this(0);
    }

    /** The first {@code failures} increments throw, as a database that is down. */
    public FakeCounterService(int failures) {
        this.failures = new AtomicInteger(failures);
    }

    /** Failures still to come (0 or less: none). */
    public int failuresLeft() {
        return failures.get();
    }

    @Override
    public synchronized long increment(Counter counter) {
        if (failures.getAndDecrement() > 0) {
            throw new IllegalStateException("database down");
        }
        return values.merge(counter, 1L, Long::sum);
    }

    @Override
    public synchronized long value(Counter counter) {
        return values.getOrDefault(counter, 0L);
    }

    @Override
    public synchronized Map<Counter, Long> values() {
        Map<Counter, Long> all = new LinkedHashMap<>();
        for (Counter c : Counter.values()) {
            all.put(c, value(c));
        }
        return all;
    }
}
