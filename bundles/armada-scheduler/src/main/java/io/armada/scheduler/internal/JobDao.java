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

    /**
     * Records a run, counts it in the job's {@code fired}, keeps only the newest {@code keep} runs of the job, and
     * with {@code finish} marks an {@link JobState#ACTIVE} job {@link JobState#FINISHED}: one transaction per fire.
     *
     * @return the run as stored, or empty when the job is gone (deleted while it ran)
     */
    Optional<JobRun> addRun(long jobId, long scheduled, long start, long end, boolean success, String result,
            List<StepResult> steps, int keep, boolean finish);

    /** The job's newest runs first, at most {@code max}. */
    List<JobRun> runs(long jobId, int max);
}
