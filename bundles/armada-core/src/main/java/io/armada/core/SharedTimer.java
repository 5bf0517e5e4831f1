package io.armada.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread behind {@link Timers}: one daemon thread, started at the first task, and {@link #view() views} of it, one
 * per user, each cancelling only what was scheduled through it when closed. Core's service uses one for the whole
 * server; a unit test makes its own and closes it.
 *
 * @since 1.5
 */
public final class SharedTimer implements Timers, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedTimer.class);
    /** A run longer than this delays every other area's timers: it is logged. */
    static final long SLOW_MILLIS = 1000;

    private final ScheduledThreadPoolExecutor executor;
    private final View all = new View();
    /** What a closed view gives back: its user has stopped, so nothing is scheduled. */
    private static final Scheduled NOTHING = () -> { };

    /**
     * @param name the thread's name, for example {@code armada-timer}
     */
    public SharedTimer(String name) {
        executor = new ScheduledThreadPoolExecutor(1, Threads.daemon(name));
        executor.setRemoveOnCancelPolicy(true); // a cancelled deadline does not wait in the queue until it is due
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** A view of this timer: what is scheduled through it is cancelled when it is closed. */
    public View view() {
        return new View();
    }

    @Override
    public Scheduled once(String what, Runnable task, long delay, TimeUnit unit) {
        return all.once(what, task, delay, unit);
    }

    @Override
    public Scheduled every(String what, Runnable task, long initialDelay, long delay, TimeUnit unit) {
        return all.every(what, task, initialDelay, delay, unit);
    }

    /**
     * Stops the thread: tasks not yet run never run, and a run under way ends undisturbed (no interrupt: inside
     * embedded Derby an interrupt can close the connection under the database's next user).
     */
    @Override
    public void close() {
        executor.shutdown();
    }

    /** How many tasks wait (for tests). */
    int waiting() {
        return executor.getQueue().size();
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            long start = System.nanoTime();
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", what, e.toString(), e);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (ms > SLOW_MILLIS) {
                LOG.warn("{} took {} ms on the shared timer thread; every area's timers waited", what, ms);
            }
        };
    }

    /** What one user scheduled; closing it cancels all of that. */
    public final class View implements Timers, AutoCloseable {
        private final Set<ScheduledFuture<?>> mine = ConcurrentHashMap.newKeySet();
        private volatile boolean closed;

        private View() {
        }

        @Override
        public Scheduled once(String what, Runnable task, long delay, TimeUnit unit) {
            if (closed) {
                return NOTHING;
            }
            Runnable run = guarded(what, task);
            java.util.concurrent.atomic.AtomicReference<ScheduledFuture<?>> self =
                    new java.util.concurrent.atomic.AtomicReference<>();
            ScheduledFuture<?> f = executor.schedule(() -> {
                try {
                    run.run();
                } finally {
                    ScheduledFuture<?> me = self.get();
                    if (me != null) {
                        mine.remove(me);
                    }
                }
            }, Math.max(0, delay), unit);
            self.set(f);
            track(f);
            return () -> {
                f.cancel(false);
                mine.remove(f);
            };
        }

        @Override
        public Scheduled every(String what, Runnable task, long initialDelay, long delay, TimeUnit unit) {
            if (delay <= 0) {
                throw new IllegalArgumentException("a delay of " + delay + " between runs");
            }
            if (closed) {
                return NOTHING;
            }
            ScheduledFuture<?> f = executor.scheduleWithFixedDelay(guarded(what, task), Math.max(0, initialDelay),
                    delay, unit);
            track(f);
            return () -> {
                f.cancel(false);
                mine.remove(f);
            };
        }

        private void track(ScheduledFuture<?> f) {
            mine.add(f);
            if (f.isDone()) { // a once task that ran before it was noted
                mine.remove(f);
            }
            if (closed) { // closed while this was being scheduled
                f.cancel(false);
                mine.remove(f);
            }
        }

        /** Cancels everything scheduled through this view; the thread goes on for the others. */
        @Override
        public void close() {
            closed = true;
            for (ScheduledFuture<?> f : mine) {
                f.cancel(false);
            }
            mine.clear();
        }

        /** How many tasks of this view are scheduled (for tests). */
        int scheduled() {
            return mine.size();
        }
    }
}
