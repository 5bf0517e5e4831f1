package io.armada.core;

import java.util.concurrent.TimeUnit;

/**
 * Armada's one timer thread, shared by every area (core registers it with bundle scope: each bundle gets its own
 * instance, and what a bundle scheduled is cancelled when that bundle lets go of it, so a stopped area leaves no task
 * behind). An area's timers used to be threads of their own (agents' deadlines, tars' state sync and statistics
 * retention, the lease beats): one to three idle threads per area that each woke up a few times a minute.
 *
 * <p>Runs happen on the shared thread, one at a time across all areas, so a task must be short: a few file reads, one
 * small transaction, or a hand-off to the area's own executor for anything longer. A run that throws is logged and
 * the next run still happens; a run that takes longer than a second is logged as a warning with its name, since it
 * delays every other area's timers.
 *
 * @since 1.5
 */
public interface Timers {

    /** A task scheduled by {@link Timers}: cancelling it stops the runs to come (a run under way ends). */
    interface Scheduled {
        /** Stops the runs to come; cancelling twice does nothing. */
        void cancel();
    }

    /**
     * Runs {@code task} once after {@code delay}.
     *
     * @param what what the task is, for the log
     * @param task a short task
     * @param delay the delay
     * @param unit the delay's unit
     * @return the task, to cancel
     */
    Scheduled once(String what, Runnable task, long delay, TimeUnit unit);

    /**
     * Runs {@code task} first after {@code initialDelay}, then again and again with {@code delay} between the end of
     * one run and the start of the next.
     *
     * @param what what the task is, for the log
     * @param task a short task
     * @param initialDelay the delay before the first run
     * @param delay the delay between runs (more than 0)
     * @param unit the unit of both delays
     * @return the task, to cancel
     */
    Scheduled every(String what, Runnable task, long initialDelay, long delay, TimeUnit unit);

    /**
     * Runs {@code task} every {@code delay} (the first time after {@code delay}), as {@link #every(String, Runnable,
     * long, long, TimeUnit)}.
     *
     * @param what what the task is, for the log
     * @param task a short task
     * @param delay the delay before the first run and between runs (more than 0)
     * @param unit the delay's unit
     * @return the task, to cancel
     */
    default Scheduled every(String what, Runnable task, long delay, TimeUnit unit) {
        return every(what, task, delay, delay, unit);
    }
}
