package io.armada.scheduler;

import java.util.List;

/**
 * A job as stored, with its live figures.
 *
 * @param jobId the id
 * @param spec what it does and when
 * @param state where it stands
 * @param nextFire next fire, epoch milliseconds, or {@code null} when none is planned (or not asked for)
 * @param fired how many runs it has had
 * @param created epoch seconds
 * @param runs its recent runs, newest first (empty unless asked for)
 * @since 1.0
 */
public record ScheduledJob(long jobId, JobSpec spec, JobState state, Long nextFire, long fired, long created,
        List<JobRun> runs) {
    public ScheduledJob {
        runs = runs == null ? List.of() : List.copyOf(runs);
    }
}
