package io.armada.scheduler.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.quartz.SchedulerConfigException;
import org.quartz.spi.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.Threads;

/**
 * Quartz's worker pool ({@code org.quartz.threadPool.class}) with threads on demand: at most {@code threadCount}
 * fires run at once, as with Quartz's SimpleThreadPool, but a worker is started only when a fire comes and ends
 * {@code idleSeconds} after its last one, so an idle server holds no worker (SimpleThreadPool keeps all of them from
 * the start). Quartz's scheduler thread asks {@link #blockForAvailableThreads()} before it acquires triggers and hands
 * each acquired fire to {@link #runInThread(Runnable)}; the free slots are a semaphore, taken when a fire is handed
 * over and given back when it ends.
 *
 * <p>Quartz sets {@code threadCount} and {@code threadNamePrefix} through the bean setters below, from the
 * {@code org.quartz.threadPool.*} properties ({@link QuartzEngine#properties}).
 */
public class OnDemandThreadPool implements ThreadPool {
    private static final Logger LOG = LoggerFactory.getLogger(OnDemandThreadPool.class);

    private int threadCount = 10;
    private String threadNamePrefix = "armada-scheduler";
    private long idleSeconds = 30;
    private Semaphore free;
    private ThreadPoolExecutor workers;
    private volatile boolean shutdown;

    public void setThreadCount(int threadCount) {
        this.threadCount = threadCount;
    }

    public int getThreadCount() {
        return threadCount;
    }

    public void setThreadNamePrefix(String prefix) {
        this.threadNamePrefix = prefix;
    }

    public String getThreadNamePrefix() {
        return threadNamePrefix;
    }

    /** Seconds a worker waits for the next fire before it ends (30). */
    public void setIdleSeconds(long idleSeconds) {
        this.idleSeconds = idleSeconds;
    }

    @Override
    public void initialize() throws SchedulerConfigException {
        if (threadCount <= 0) {
            throw new SchedulerConfigException("threadCount must be > 0");
        }
        free = new Semaphore(threadCount);
        // core = max = threadCount with core threads timing out: a thread is started for a fire while fewer than
        // threadCount run, none is kept idle; the queue stays empty in practice (a fire is handed over only with a
        // free slot), it only covers a worker that has given its slot back but not yet taken the next task
        workers = new ThreadPoolExecutor(threadCount, threadCount, Math.max(1, idleSeconds), TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Threads.daemon(threadNamePrefix));
        workers.allowCoreThreadTimeOut(true);
    }

    /** Fires that may be handed over now (at least 1, waiting for a slot while all are busy); 0 once shut down. */
    @Override
    public int blockForAvailableThreads() {
        while (!shutdown) {
            try {
                if (free.tryAcquire(500, TimeUnit.MILLISECONDS)) {
                    free.release();
                    return Math.max(1, free.availablePermits());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return free.availablePermits();
            }
        }
        return 0;
    }

    /** Runs the fire on a worker (waiting for a free slot); false once shut down. */
    @Override
    public boolean runInThread(Runnable fire) {
        if (fire == null) {
            return false;
        }
        try {
            while (!free.tryAcquire(500, TimeUnit.MILLISECONDS)) {
                if (shutdown) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (shutdown) {
            free.release();
            return false;
        }
        try {
            workers.execute(() -> {
                try {
                    fire.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("A scheduler fire failed: {}", e.toString(), e);
                } finally {
                    free.release();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            free.release();
            return false;
        }
    }

    /** Takes no new fire; running fires finish (waited for when asked). */
    @Override
    public void shutdown(boolean waitForJobsToComplete) {
        shutdown = true;
        if (workers == null) {
            return;
        }
        workers.shutdown();
        if (waitForJobsToComplete) {
            try {
                workers.awaitTermination(Long.MAX_VALUE, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public int getPoolSize() {
        return threadCount;
    }

    /** Slots free now (for tests). */
    int freeSlots() {
        return free == null ? 0 : free.availablePermits();
    }

    /** Workers alive now (for tests). */
    int workersAlive() {
        return workers == null ? 0 : workers.getPoolSize();
    }

    @Override
    public void setInstanceId(String schedInstId) {
        // names of our threads do not carry the instance
    }

    @Override
    public void setInstanceName(String schedName) {
        // as above
    }
}
