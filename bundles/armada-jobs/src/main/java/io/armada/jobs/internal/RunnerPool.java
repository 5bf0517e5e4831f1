package io.armada.jobs.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The runner's pool: a thread is started only when every thread the pool has is busy (up to {@code max}), and a
 * thread idle for {@code idleSeconds} ends. A plain ThreadPoolExecutor with core = max and core threads timing out
 * started a new thread for each of its first {@code max} tasks even while the others were idle: a rollout's moves,
 * which one task's lock serializes anyway, held all 4 runner threads (bench/jobs.sh: server threads at the peak).
 * Tasks past {@code max} busy threads wait in the queue.
 */
final class RunnerPool {
    private RunnerPool() {
    }

    static ThreadPoolExecutor create(int max, long idleSeconds, ThreadFactory threads) {
        GrowQueue queue = new GrowQueue();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Math.max(1, max), idleSeconds, TimeUnit.SECONDS, queue,
                threads, (task, p) -> {
                    if (p.isShutdown()) {
                        throw new RejectedExecutionException("the runner pool is shut down");
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
