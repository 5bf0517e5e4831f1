package io.armada.scheduler.internal;

import java.util.List;
import java.util.Optional;

import io.armada.scheduler.JobRun;
import io.armada.scheduler.JobSpec;
import io.armada.scheduler.JobState;
import io.armada.scheduler.StepResult;

/** The scheduler's own tables: jobs ({@code SCHEDULER_JOB}) and their recent runs ({@code SCHEDULER_RUN}). */
public interface JobDao {

    /** Stores a new job ({@link JobState#ACTIVE}, no runs). */
    JobRow insert(JobSpec spec, long createdSeconds);

    Optional<JobRow> find(long id);

    /** Replaces a job's definition and sets its state; its {@code fired} count starts again at 0 (its runs stay). */
    Optional<JobRow> replace(long id, JobSpec spec, JobState state);

    Optional<JobRow> setState(long id, JobState state);

    /** Deletes a job and its runs. */
    Optional<JobRow> delete(long id);

    long count();

    /** Jobs by id. */
    List<JobRow> page(int offset, int limit);

    /** Job ids, ascending, at most {@code max}. */
    List<Long> ids(int max);

    /** A run to record: what {@link #addRuns} writes for one fire. */
    record NewRun(long jobId, long scheduled, long start, long end, boolean success, String result,
            List<StepResult> steps, boolean finish) {
    }

    /**
     * Records runs in one transaction: each is counted in its job's {@code fired}, only the newest {@code keep} runs
     * of a job are kept, and a run with {@code finish} marks an {@link JobState#ACTIVE} job {@link JobState#FINISHED}.
     *
     * @return per run, in order: the run as stored, or empty when its job is gone (deleted while it ran)
     */
    List<Optional<JobRun>> addRuns(List<NewRun> runs, int keep);

    /** {@link #addRuns} of one run. */
    default Optional<JobRun> addRun(long jobId, long scheduled, long start, long end, boolean success, String result,
            List<StepResult> steps, int keep, boolean finish) {
        return addRuns(List.of(new NewRun(jobId, scheduled, start, end, success, result, steps, finish)), keep).get(0);
    }

    /** The job's newest runs first, at most {@code max}. */
    List<JobRun> runs(long jobId, int max);
}
