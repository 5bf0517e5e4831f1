package io.armada.core;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads of Armada's own pools: daemon threads (a stuck one never holds the JVM up at shutdown) named after their
 * pool, so a thread dump or {@code bench/agents.sh}'s census says whose they are.
 *
 * @since 1.0
 */
public final class Threads {

    private Threads() {
    }

    /** Daemon threads called {@code name}; a pool's second and later threads are {@code name-2}, {@code name-3}, ... */
    public static ThreadFactory daemon(String name) {
        AtomicInteger made = new AtomicInteger();
        return r -> {
            int n = made.incrementAndGet();
            Thread t = new Thread(r, n == 1 ? name : name + "-" + n);
            t.setDaemon(true);
            return t;
        };
    }
}
