package io.armada.monitor.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A value recomputed at most once per {@code ttlMillis}, by the caller that finds it stale. While one caller
 * recomputes, the others get the previous value instead of waiting (only the very first computation makes callers
 * wait). No thread of its own.
 */
final class Cached<T> {
    private final Supplier<T> compute;
    private final long ttlNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile T value;
    private volatile long computedAt;

    Cached(long ttlMillis, Supplier<T> compute) {
        this.compute = compute;
        this.ttlNanos = ttlMillis * 1_000_000L;
    }

    T get() {
        T v = value;
        if (v != null && System.nanoTime() - computedAt < ttlNanos) {
            return v;
        }
        if (v != null && !lock.tryLock()) {
            return v; // someone is refreshing it: the previous value is good enough for this caller
        }
        if (v == null) {
            lock.lock();
        }
        try {
            v = value;
            if (v != null && System.nanoTime() - computedAt < ttlNanos) {
                return v;
            }
            v = compute.get();
            value = v;
            computedAt = System.nanoTime();
            return v;
        } finally {
            lock.unlock();
        }
    }

    /** The next {@link #get()} recomputes. */
    void invalidate() {
        computedAt = System.nanoTime() - ttlNanos - 1;
    }
}
