package io.armada.scheduler;

import java.util.List;

/**
 * One run of a job.
 *
 * @param runId the run's id
 * @param jobId its job
 * @param scheduled when it was due, epoch milliseconds ({@code 0} for a run started by hand)
 * @param start when it started, epoch milliseconds
 * @param end when it ended, epoch milliseconds
 * @param success every step succeeded
 * @param result a one-line summary
 * @param steps what each step (and revert) did, in the order they ran
 * @since 1.0
 */
public record JobRun(long runId, long jobId, long scheduled, long start, long end, boolean success, String result,
        List<StepResult> steps) {
    public JobRun {
        steps = List.copyOf(steps);
    }
}
