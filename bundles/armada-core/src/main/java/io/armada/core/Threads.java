package io.armada.core;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

    /**
     * A pool that starts a thread only when every thread it has is busy (up to {@code max}), and ends a thread idle
     * for {@code idleSeconds}; tasks past {@code max} busy threads wait in an unbounded queue. A plain
     * ThreadPoolExecutor with core = max and core threads timing out starts a new thread for each of its first
     * {@code max} tasks even while the others are idle: a task every few seconds (a lease beat) kept all of them alive.
     *
     * @param max the most threads at once (at least 1)
     * @param idleSeconds how long an idle thread lives
     * @param threads the thread factory, usually {@link #daemon(String)}
     * @return the pool; shut it down when done
     * @since 1.4
     */
    public static ThreadPoolExecutor onDemand(int max, long idleSeconds, ThreadFactory threads) {
        GrowQueue queue = new GrowQueue();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Math.max(1, max), idleSeconds, TimeUnit.SECONDS, queue,
                threads, (task, p) -> {
                    if (p.isShutdown()) {
                        throw new RejectedExecutionException("the pool is shut down");
                    }
                    queue.enqueue(task); // every thread busy and no room for one more: it waits its turn
                });
        queue.pool = pool;
        return pool;
    }

    /** Refuses a task (so the pool starts a thread) while every thread is busy and one more may be started. */
    private static final class GrowQueue extends LinkedBlockingQueue<Runnable> {
        private static final long serialVersionUID = 1L;
        private transient volatile ThreadPoolExecutor pool;

        @Override
        public boolean offer(Runnable task) {
            ThreadPoolExecutor p = pool;
            if (p != null && p.getPoolSize() < p.getMaximumPoolSize() && p.getActiveCount() + size() >= p.getPoolSize()) {
                return false;
            }
            return super.offer(task);
        }

        void enqueue(Runnable task) {
            super.offer(task);
        }
    }
}
